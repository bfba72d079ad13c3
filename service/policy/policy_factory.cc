#include "service/policy/policy_factory.h"

#include <memory>
#include <utility>
#include <vector>

#include "service/policy/access_log_policy.h"
#include "service/policy/caller_key_policy.h"
#include "service/policy/metrics_policy.h"
#include "service/policy/request_validation_policy.h"
#include "service/policy/usage_limits_policy.h"
#include "service/tracing/tracing_policy.h"

namespace literllm {

PolicyChain BuildPolicyChain(const GatewayConfig& config,
                             PolicyServices services) {
  std::vector<std::unique_ptr<CallPolicy>> policies;
  if (services.metrics != nullptr) {
    policies.push_back(std::make_unique<MetricsPolicy>(*services.metrics));
  }
  if (services.tracer != nullptr) {
    policies.push_back(std::make_unique<TracingPolicy>(*services.tracer));
  }
  if (services.access_log != nullptr) {
    policies.push_back(std::make_unique<AccessLogPolicy>(*services.access_log));
  }
  policies.push_back(std::make_unique<CallerKeyPolicy>(services.keys));
  policies.push_back(std::make_unique<RequestValidationPolicy>());
  if (services.ledger != nullptr) {
    policies.push_back(std::make_unique<UsageLimitsPolicy>(
        *services.ledger, services.on_failure));
  }
  policies.push_back(std::make_unique<CallStatsRecorder>(services.stats));
  return PolicyChain(std::move(policies));
}

}  // namespace literllm
