#include "service/routing/deployment_balancer.h"

#include <algorithm>
#include <numeric>

namespace literllm {

void DeploymentHealth::AttemptStarted() {
  absl::MutexLock lock(&mu_);
  ++in_flight_;
}

void DeploymentHealth::AttemptEnded(Outcome outcome, absl::Duration latency,
                                    absl::Time now) {
  absl::MutexLock lock(&mu_);
  --in_flight_;
  bool probe = probing_;
  probing_ = false;
  if (outcome == Outcome::kAnswered) {
    failures_ = 0;
    double ms = absl::ToDoubleMilliseconds(latency);
    latency_ms_ = latency_ms_ == 0 ? ms : 0.8 * latency_ms_ + 0.2 * ms;
  } else if (outcome == Outcome::kFailed) {
    if (probe || ++failures_ >= breaker_.failures) {
      resting_until_ = now + breaker_.cooldown;
    }
  }
}

bool DeploymentHealth::Resting(absl::Time now) const {
  absl::MutexLock lock(&mu_);
  return RestingLocked(now);
}

bool DeploymentHealth::RestingLocked(absl::Time now) const {
  return probing_ || (failures_ >= breaker_.failures && now < resting_until_);
}

bool DeploymentHealth::ClaimProbe(absl::Time now) {
  absl::MutexLock lock(&mu_);
  if (probing_ || failures_ < breaker_.failures || now < resting_until_) {
    return false;
  }
  probing_ = true;
  return true;
}

double DeploymentHealth::Preference(double weight, bool by_latency,
                                    absl::Time now) const {
  absl::MutexLock lock(&mu_);
  if (RestingLocked(now)) return 0;
  double load = in_flight_ + 1;
  if (by_latency) load *= std::max(1.0, latency_ms_);
  return weight / load;
}

DeploymentBalancer::DeploymentBalancer(const ProviderRegistry& providers,
                                       const BreakerSettings& breaker)
    : breaker_(breaker) {
  for (const ModelAlias& alias : providers.aliases()) {
    for (const std::string& target : alias.targets) {
      if (!health_.contains(target)) {
        health_[target] = std::make_unique<DeploymentHealth>(breaker_);
      }
    }
  }
}

DeploymentHealth* DeploymentBalancer::Health(const std::string& target) const {
  auto it = health_.find(target);
  return it == health_.end() ? nullptr : it->second.get();
}

void DeploymentBalancer::ForEachDeployment(
    const std::function<void(const std::string& target,
                             const DeploymentHealth& health)>& visit) const {
  for (const auto& [target, health] : health_) visit(target, *health);
}

std::vector<size_t> DeploymentBalancer::Order(const ModelAlias& alias,
                                              absl::Time now) {
  std::vector<size_t> order;
  std::vector<size_t> pool(alias.deployments);
  std::iota(pool.begin(), pool.end(), 0);
  // A deployment due for its probe goes first: it must get the call.
  for (auto it = pool.begin(); it != pool.end(); ++it) {
    if (Health(alias.targets[*it])->ClaimProbe(now)) {
      order.push_back(*it);
      pool.erase(it);
      break;
    }
  }
  std::vector<double> preference;
  for (size_t i : pool) {
    double weight = i < alias.weights.size() ? alias.weights[i] : 1.0;
    preference.push_back(
        Health(alias.targets[i])
            ->Preference(weight, alias.balance_by_latency, now));
  }
  // Weighted random draws without replacement among those not resting.
  absl::MutexLock lock(&mu_);
  while (!pool.empty()) {
    double total = std::accumulate(preference.begin(), preference.end(), 0.0);
    if (total <= 0) break;
    double pick = absl::Uniform(random_, 0.0, total);
    size_t chosen = 0;
    while (chosen + 1 < pool.size() && pick >= preference[chosen]) {
      pick -= preference[chosen++];
    }
    order.push_back(pool[chosen]);
    pool.erase(pool.begin() + chosen);
    preference.erase(preference.begin() + chosen);
  }
  // Resting deployments are skipped, unless they are all there is: better a
  // call to a resting deployment than no call at all.
  if (order.empty() && alias.targets.size() == alias.deployments) {
    order.insert(order.end(), pool.begin(), pool.end());
  }
  for (size_t i = alias.deployments; i < alias.targets.size(); ++i) {
    order.push_back(i);
  }
  return order;
}

}  // namespace literllm
