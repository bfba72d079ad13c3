#ifndef LITERLLM_SERVICE_HTTP_GATEWAY_ROUTES_H_
#define LITERLLM_SERVICE_HTTP_GATEWAY_ROUTES_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "service/http/http_exchange.h"
#include "service/metrics/metrics_registry.h"

namespace literllm {

// The HTTP listener's top level: the gateway's own paths, then the fronts
// by path prefix.
//   GET /metrics   Prometheus text format 0.0.4
//   GET /healthz   200 while the process runs (liveness)
//   GET /readyz    200, or 503 once the server drains (readiness)
// Every other request goes to the front with the longest matching prefix
// (OpenAI's at "", Anthropic's at "/v1/messages"), which answers its own
// 404s and 405s. Fronts are added before the listener starts.
class GatewayRoutes final : public HttpHandler {
 public:
  // `metrics` and every front outlive the routes; `ready` may be called on
  // any HTTP thread.
  GatewayRoutes(const MetricsRegistry& metrics, std::function<bool()> ready);

  // Paths equal to `prefix`, or below it ("/v1/messages/count_tokens"
  // under "/v1/messages"), go to `front`; "" takes what no other takes.
  void AddFront(std::string prefix, HttpHandler& front);

  void Handle(HttpRequestData request,
              std::shared_ptr<HttpResponder> responder) override;
  // In the shape of the front that serves `path`.
  std::string EarlyErrorBody(absl::string_view path, int status,
                             absl::string_view message) const override;

 private:
  struct Front {
    std::string prefix;
    HttpHandler* handler;
  };
  // The front that serves `path`, or null.
  HttpHandler* FrontFor(absl::string_view path) const;
  // The gateway's own answer to `path`; false when it is not one of its.
  bool Own(absl::string_view method, absl::string_view path,
           HttpResponder& responder) const;

  const MetricsRegistry& metrics_;
  const std::function<bool()> ready_;
  std::vector<Front> fronts_;  // longest prefix first
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_GATEWAY_ROUTES_H_
