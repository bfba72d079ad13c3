#include "service/routing/router.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace literllm {
namespace {

absl::StatusOr<CallTarget> ResolveTarget(const ProviderRegistry& providers,
                                         DeploymentBalancer& balancer,
                                         const std::string& target) {
  absl::StatusOr<ResolvedModel> resolved = providers.Resolve(target);
  if (!resolved.ok()) return resolved.status();
  if (resolved->provider->chat() == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("model: provider '", resolved->provider->config().name,
                     "' does not serve chat completions"));
  }
  return CallTarget{resolved->provider, std::move(resolved->model),
                    balancer.Health(target)};
}

}  // namespace

std::string CallTarget::Name() const {
  return absl::StrCat(provider->config().name, "/", model);
}

absl::StatusOr<ChatRoute> RouteChat(const ProviderRegistry& providers,
                                    DeploymentBalancer& balancer,
                                    const v1::ChatCompletionRequest& request) {
  ChatRoute route;
  auto add = [&](const std::string& model) -> absl::Status {
    const ModelAlias* alias = providers.FindAlias(model);
    if (alias == nullptr) {
      absl::StatusOr<CallTarget> target =
          ResolveTarget(providers, balancer, model);
      if (!target.ok()) return target.status();
      route.targets.push_back(*std::move(target));
      return absl::OkStatus();
    }
    for (size_t i : balancer.Order(*alias, absl::Now())) {
      absl::StatusOr<CallTarget> target =
          ResolveTarget(providers, balancer, alias->targets[i]);
      if (!target.ok()) return target.status();
      route.targets.push_back(*std::move(target));
    }
    return absl::OkStatus();
  };
  if (absl::Status status = add(request.model()); !status.ok()) return status;
  for (const std::string& fallback : request.fallbacks()) {
    if (absl::Status status = add(fallback); !status.ok()) {
      return absl::Status(status.code(),
                          absl::StrCat("fallbacks: ", status.message()));
    }
  }
  if (const ModelAlias* alias = providers.FindAlias(request.model());
      alias != nullptr && !alias->context_fallback.empty()) {
    absl::StatusOr<CallTarget> target =
        ResolveTarget(providers, balancer, alias->context_fallback);
    if (!target.ok()) return target.status();
    route.context_fallback = *std::move(target);
  }
  return route;
}

}  // namespace literllm
