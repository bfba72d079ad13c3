#ifndef LITERLLM_SERVICE_ROUTER_H_
#define LITERLLM_SERVICE_ROUTER_H_

#include <grpcpp/grpcpp.h>

#include <functional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/transport.h"
#include "providers/pricing/price_table.h"
#include "providers/registry.h"
#include "service/call_attempts.h"
#include "service/call_stats.h"
#include "service/config.h"
#include "service/deployment_balancer.h"
#include "service/secret_redactor.h"
#include "service/upstream_transfer.h"

namespace literllm {

// What every call handler needs; owned by the server, outlives every call.
class ModelCatalog;

struct Gateway {
  const ProviderRegistry& providers;
  HttpTransport& transport;
  ModelCatalog& catalog;
  const PriceTable& prices;
  const RetrySettings& retries;
  DeploymentBalancer& balancer;
  const SecretRedactor& redactor;
  CallStats& stats;
  // Upper bound of one call, also when the caller set no deadline, so a
  // provider that never answers cannot hold a call forever.
  absl::Duration max_call_duration;
};

// A validated chat request: the models that may answer it, in order (its
// model, an alias's further targets, then its fallbacks), the first one's
// provider request, and the call's retry budget.
struct ChatRoute {
  std::vector<CallTarget> targets;
  std::optional<CallTarget> context_fallback;  // for prompts too long
  HttpRequest first;
  int max_retries;
  absl::Duration attempt_timeout;  // zero: none
};

// Validates the request (and its per-call retry settings, from the request
// or the `literllm-max-retries` / `literllm-attempt-timeout` metadata),
// resolves its models and builds the first provider request. Fails before any
// upstream I/O on bad input.
absl::StatusOr<ChatRoute> RouteChat(const Gateway& gateway,
                                    const grpc::CallbackServerContext& context,
                                    const v1::ChatCompletionRequest& request,
                                    bool stream);

// Waits until `when` on a gRPC alarm, then builds the request for the call's
// current target and hands it to `start`; calls `end` instead when the call
// was cancelled meanwhile (DEADLINE_EXCEEDED once `call_deadline` passed) or
// the request cannot be built. Exactly one of the two runs.
void StartNextAttempt(UpstreamTransfer& transfer, const CallAttempts& attempts,
                      const v1::ChatCompletionRequest& request, bool stream,
                      absl::Time when, absl::Time call_deadline,
                      std::function<void(HttpRequest)> start,
                      std::function<void(const absl::Status&)> end);

// The caller's deadline, capped at gateway.max_call_duration from now.
absl::Time CallDeadline(const Gateway& gateway,
                        const grpc::CallbackServerContext& context);

// How long a 429's rate limit takes to reset, from the headers providers send
// besides Retry-After (retry-after-ms, x-ratelimit-reset-requests/-tokens).
std::optional<absl::Duration> RateLimitReset(const HttpResponseHead& head);

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
