#ifndef LITERLLM_SERVICE_HTTP_ANTHROPIC_FRONT_H_
#define LITERLLM_SERVICE_HTTP_ANTHROPIC_FRONT_H_

#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "service/call/call_services.h"
#include "service/http/http_exchange.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// The Anthropic-compatible HTTP front, so Anthropic's SDKs, Claude Code
// and the tools built on them switch by base URL
// (ANTHROPIC_BASE_URL=http://literllm:8080), over any provider:
//   POST /v1/messages               a `message`, or its named SSE events
//                                   with "stream": true
//   POST /v1/messages/count_tokens  {"input_tokens": N}
// The caller's key comes from x-api-key or Authorization: Bearer; the
// request headers are the call's metadata, so anthropic-version and
// anthropic-beta reach Anthropic upstreams. Requests are translated to the
// v1 form and run through the same ChatCall as every front (front label
// `anthropic`). Errors are Anthropic's {"type":"error",...} with the status
// its SDKs expect; unknown paths 404, wrong methods 405; while the server
// drains, 503 (in-flight calls run on).
class AnthropicFront final : public HttpHandler {
 public:
  AnthropicFront(const CallServices& calls, const SecretRedactor& redactor,
                 std::function<bool()> ready);

  void Handle(HttpRequestData request,
              std::shared_ptr<HttpResponder> responder) override;
  // Anthropic's error shape: request_too_large for 413, else
  // invalid_request_error.
  std::string EarlyErrorBody(absl::string_view path, int status,
                             absl::string_view message) const override;

 private:
  void Fail(const absl::Status& status, HttpResponder& responder) const;

  const CallServices& calls_;
  const SecretRedactor& redactor_;
  const std::function<bool()> ready_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_ANTHROPIC_FRONT_H_
