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
//   0. metrics            — Prometheus series of every call (observer,
//                           first so it sees every call, with a registry)
//   0. tracing            — the call's span and W3C trace context, first
//                           so it covers the rest (with OTEL_* only)
//   0. access log         — one line per call (observer; with a log only)
//   1. caller keys        — who calls, and which models they may use
//   2. request validation — malformed requests never reach anything else
//   3. usage limits       — rpm, tpm and budgets in Redis (with Redis only)
//   4. call statistics    — how calls ended, by status (observer)
PolicyChain BuildPolicyChain(const GatewayConfig& config,
                             PolicyServices services);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_POLICY_POLICY_FACTORY_H_
