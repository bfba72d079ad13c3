#include "service/http/gateway_routes.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

constexpr absl::string_view kText = "text/plain; charset=utf-8";

bool Under(absl::string_view path, absl::string_view prefix) {
  if (!absl::StartsWith(path, prefix)) return false;
  return prefix.empty() || path.size() == prefix.size() ||
         prefix.back() == '/' || path[prefix.size()] == '/';
}

}  // namespace

GatewayRoutes::GatewayRoutes(const MetricsRegistry& metrics,
                             std::function<bool()> ready)
    : metrics_(metrics), ready_(std::move(ready)) {}

void GatewayRoutes::AddFront(std::string prefix, HttpHandler& front) {
  fronts_.push_back({std::move(prefix), &front});
  std::stable_sort(fronts_.begin(), fronts_.end(),
                   [](const Front& a, const Front& b) {
                     return a.prefix.size() > b.prefix.size();
                   });
}

void GatewayRoutes::Handle(HttpRequestData request,
                           std::shared_ptr<HttpResponder> responder) {
  absl::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  if (Own(request.method, path, *responder)) return;
  if (HttpHandler* front = FrontFor(path)) {
    return front->Handle(std::move(request), std::move(responder));
  }
  responder->Respond(404, kText, absl::StrCat("no route for ", path, "\n"));
}

std::string GatewayRoutes::EarlyErrorBody(absl::string_view path, int status,
                                          absl::string_view message) const {
  if (const HttpHandler* front = FrontFor(path)) {
    return front->EarlyErrorBody(path, status, message);
  }
  return HttpHandler::EarlyErrorBody(path, status, message);
}

HttpHandler* GatewayRoutes::FrontFor(absl::string_view path) const {
  for (const Front& front : fronts_) {
    if (Under(path, front.prefix)) return front.handler;
  }
  return nullptr;
}

bool GatewayRoutes::Own(absl::string_view method, absl::string_view path,
                        HttpResponder& responder) const {
  if (path != "/metrics" && path != "/healthz" && path != "/readyz") {
    return false;
  }
  if (method != "GET") {
    responder.Respond(405, kText, "method not allowed; use GET\n",
                      {{"allow", "GET"}});
  } else if (path == "/metrics") {
    responder.Respond(200, kPrometheusContentType, metrics_.Scrape());
  } else {
    const bool ok = path == "/healthz" || ready_();
    responder.Respond(ok ? 200 : 503, kText, ok ? "ok\n" : "draining\n");
  }
  return true;
}

}  // namespace literllm
