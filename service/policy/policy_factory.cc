#include "service/policy/policy_factory.h"

#include <memory>
#include <utility>
#include <vector>

#include "service/policy/request_validation_policy.h"

namespace literllm {

PolicyChain BuildPolicyChain(const GatewayConfig& config, PolicySinks sinks) {
  std::vector<std::unique_ptr<CallPolicy>> policies;
  policies.push_back(std::make_unique<RequestValidationPolicy>());
  policies.push_back(std::make_unique<CallStatsRecorder>(sinks.stats));
  return PolicyChain(std::move(policies));
}

}  // namespace literllm
