#ifndef LITERLLM_SERVICE_POLICY_POLICY_FACTORY_H_
#define LITERLLM_SERVICE_POLICY_POLICY_FACTORY_H_

#include "service/call/call_policy.h"
#include "service/config/config.h"
#include "service/keys/key_directory.h"
#include "service/limits/usage_ledger.h"
#include "service/metrics/metrics_registry.h"
#include "service/policy/call_stats.h"
#include "service/telemetry/access_log.h"
#include "service/tracing/tracer.h"

namespace literllm {

// What the policies use and report into, owned by the server.
struct PolicyServices {
  CallStats& stats;
  KeyDirectory& keys;
  UsageLedger* ledger = nullptr;  // null: no Redis, no limits
  RedisSettings::OnFailure on_failure = RedisSettings::OnFailure::kDeny;
  AccessLog* access_log = nullptr;     // null: --access_log=off
  Tracer* tracer = nullptr;            // null: tracing off
  MetricsRegistry* metrics = nullptr;  // null: no Prometheus metrics
};

// The one place the policy chain is assembled, in this order (each admit
// step sees only calls the ones before it let through; every Finished step
// sees every call):
//   1. metrics            — Prometheus series of every call (observer;
//                           --metrics=on)
//   2. tracing            — the call's span and W3C trace context, before
//                           the rest so its span covers them (OTEL_* only)
//   3. access log         — one line per call (observer; with a log only)
//   4. caller keys        — who calls, and which models they may use
//   5. request validation — malformed requests never reach anything else
//   6. usage limits       — rpm, tpm and budgets in Redis (with Redis only)
//   7. call statistics    — how calls ended, by status (observer)
// The observers come first: their admit steps run for every call, so each
// call they start (in-flight gauge, span) they also see end.
PolicyChain BuildPolicyChain(const GatewayConfig& config,
                             PolicyServices services);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_POLICY_POLICY_FACTORY_H_
