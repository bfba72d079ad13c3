#ifndef LITERLLM_SERVICE_ROUTER_H_
#define LITERLLM_SERVICE_ROUTER_H_

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/transport.h"
#include "providers/pricing/price_table.h"
#include "providers/registry.h"
#include "service/call_stats.h"
#include "service/secret_redactor.h"

namespace literllm {

// What every call handler needs; owned by the server, outlives every call.
class ModelCatalog;

struct Gateway {
  const ProviderRegistry& providers;
  HttpTransport& transport;
  ModelCatalog& catalog;
  const PriceTable& prices;
  const SecretRedactor& redactor;
  CallStats& stats;
  // Upper bound of one call, also when the caller set no deadline, so a
  // provider that never answers cannot hold a call forever.
  absl::Duration max_call_duration;
};

// A validated chat request, translated for the provider that serves it.
struct UpstreamCall {
  const Provider* provider;
  std::string model;  // as the provider names it, e.g. "gpt-4o"
  HttpRequest http;
};

// Validates the request, resolves its model and builds the provider request.
// Fails before any upstream I/O on bad input.
absl::StatusOr<UpstreamCall> RouteChat(const Gateway& gateway,
                                       const v1::ChatCompletionRequest& request,
                                       bool stream);

// The caller's deadline, capped at gateway.max_call_duration from now.
absl::Time CallDeadline(const Gateway& gateway,
                        const grpc::CallbackServerContext& context);

// Why an upstream answer cannot be used, or OK when it can: a transfer that
// failed (prefixed with the provider's name; a cancellation caused by the
// caller's deadline becomes DEADLINE_EXCEEDED), or a non-2xx answer, whose
// `body` the provider turns into a status relaying its message.
absl::Status UpstreamError(const Provider& provider,
                           const absl::Status& transfer,
                           const HttpResponseHead& head, absl::string_view body,
                           absl::Time deadline);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_ROUTER_H_
