#ifndef LITERLLM_SERVICE_CALL_CALL_SERVICES_H_
#define LITERLLM_SERVICE_CALL_CALL_SERVICES_H_

#include "absl/time/time.h"
#include "providers/http/transport.h"
#include "providers/pricing/price_table.h"
#include "providers/registry.h"
#include "service/call/call_policy.h"
#include "service/config/config.h"
#include "service/routing/deployment_balancer.h"

namespace literllm {

// What every call uses; owned by the server, outlives every call.
struct CallServices {
  const ProviderRegistry& providers;
  HttpTransport& transport;
  const PriceTable& prices;
  const RetrySettings& retries;
  DeploymentBalancer& balancer;
  const PolicyChain& policies;
  // Upper bound of one call, also when the caller set no deadline, so a
  // provider that never answers cannot hold a call forever.
  absl::Duration max_call_duration;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_CALL_SERVICES_H_
