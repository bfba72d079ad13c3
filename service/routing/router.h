#ifndef LITERLLM_SERVICE_ROUTING_ROUTER_H_
#define LITERLLM_SERVICE_ROUTING_ROUTER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/registry.h"
#include "service/routing/deployment_balancer.h"

namespace literllm {

// A model a call may be answered by: its provider and the model name sent,
// and the shared health of the alias target it came from (null otherwise).
struct CallTarget {
  const Provider* provider;
  std::string model;
  DeploymentHealth* health = nullptr;
  // "provider/model", for outcomes and logs.
  std::string Name() const;
};

// The models that may answer a chat request, in order: its model (an alias:
// its deployments in the balancer's order, then its fallbacks), then the
// request's fallbacks (which may be aliases too); and the model to switch to
// once when a prompt is too long for the current one.
struct ChatRoute {
  std::vector<CallTarget> targets;
  std::optional<CallTarget> context_fallback;
};

// Resolves the request's models. INVALID_ARGUMENT (or FAILED_PRECONDITION
// for a provider that is known but not configured) before any upstream I/O;
// a provider that cannot chat is INVALID_ARGUMENT too.
absl::StatusOr<ChatRoute> RouteChat(const ProviderRegistry& providers,
                                    DeploymentBalancer& balancer,
                                    const v1::ChatCompletionRequest& request);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_ROUTING_ROUTER_H_
