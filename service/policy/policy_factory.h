#ifndef LITERLLM_SERVICE_POLICY_POLICY_FACTORY_H_
#define LITERLLM_SERVICE_POLICY_POLICY_FACTORY_H_

#include "service/call/call_policy.h"
#include "service/config/config.h"
#include "service/policy/call_stats.h"

namespace literllm {

// What the policies report into, owned by the server.
struct PolicySinks {
  CallStats& stats;
};

// The one place the policy chain is assembled, in this order (each admit
// step sees only calls the ones before it let through; every Finished step
// sees every call):
//   1. request validation — malformed requests never reach anything else
//   2. call statistics    — how calls ended, by status (observer)
PolicyChain BuildPolicyChain(const GatewayConfig& config, PolicySinks sinks);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_POLICY_POLICY_FACTORY_H_
