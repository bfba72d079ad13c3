#ifndef LITERLLM_SERVICE_HTTP_OPENAI_FRONT_H_
#define LITERLLM_SERVICE_HTTP_OPENAI_FRONT_H_

#include <functional>
#include <memory>
#include <string>

#include "providers/registry.h"
#include "service/call/call_services.h"
#include "service/http/http_exchange.h"
#include "service/models/model_catalog.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// The OpenAI-compatible HTTP front, so OpenAI's SDKs and the tools built on
// them switch by base URL (http://literllm:8080/v1):
//   POST /v1/chat/completions   JSON, or text/event-stream with "stream"
//   GET  /v1/models             OpenAI's list shape
//   GET  /v1/models/{model}     one model; the id may be percent-encoded
// Errors are OpenAI's {"error":{...}} with the status its SDKs expect;
// unknown paths 404, wrong methods 405; while the server drains, /v1/
// requests get 503 (in-flight calls run on). Chat calls run through the same
// ChatCall as gRPC's, with the request headers as the call's metadata. It
// serves what GatewayRoutes (gateway_routes.h) leaves to it.
class OpenAiFront final : public HttpHandler {
 public:
  OpenAiFront(const CallServices& calls, ModelCatalog& catalog,
              const SecretRedactor& redactor, std::function<bool()> ready);

  void Handle(HttpRequestData request,
              std::shared_ptr<HttpResponder> responder) override;

 private:
  void Chat(HttpRequestData request,
            const std::shared_ptr<HttpResponder>& responder);
  // The whole list, or only the model `id` (404 when it is not there).
  void Models(HttpRequestData request, std::optional<std::string> id,
              std::shared_ptr<HttpResponder> responder);
  void Fail(const absl::Status& status, HttpResponder& responder) const;

  const CallServices& calls_;
  ModelCatalog& catalog_;
  const SecretRedactor& redactor_;
  const std::function<bool()> ready_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_OPENAI_FRONT_H_
