#ifndef LITERLLM_SERVICE_ROUTING_DEPLOYMENT_BALANCER_H_
#define LITERLLM_SERVICE_ROUTING_DEPLOYMENT_BALANCER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/random/random.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "providers/registry.h"
#include "service/config/config.h"

namespace literllm {

// How one alias target is doing, shared by every call: calls in flight,
// latency (EWMA), and a circuit breaker that rests it after `failures`
// failures in a row and then lets one call probe it. Thread-safe.
class DeploymentHealth {
 public:
  enum class Outcome { kAnswered, kFailed, kNoVerdict };

  explicit DeploymentHealth(const BreakerSettings& breaker)
      : breaker_(breaker) {}

  void AttemptStarted();
  // kFailed for what the deployment is to blame for (overload, 5xx, resets,
  // timeouts); kNoVerdict for cancellations and the caller's own errors.
  void AttemptEnded(Outcome outcome, absl::Duration latency, absl::Time now);

  // Whether it is resting at `now` (a probe in flight counts as resting).
  bool Resting(absl::Time now) const;
  // Whether it rested and may be probed now; the caller that gets true must
  // use it first. Claims the one probe.
  bool ClaimProbe(absl::Time now);
  // How much a new call should prefer it (0 while resting).
  double Preference(double weight, bool by_latency, absl::Time now) const;

 private:
  bool RestingLocked(absl::Time now) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const BreakerSettings& breaker_;
  mutable absl::Mutex mu_;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  double latency_ms_ ABSL_GUARDED_BY(mu_) = 0;  // 0: not measured yet
  int failures_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time resting_until_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  bool probing_ ABSL_GUARDED_BY(mu_) = false;
};

// Orders an alias's deployments for one call: a rested deployment due for a
// probe first, then the others by weighted random choice favouring fewer
// calls in flight (or lower latency); resting ones only when nothing else is
// left. Fallback targets keep their configured order after the deployments.
class DeploymentBalancer {
 public:
  DeploymentBalancer(const ProviderRegistry& providers,
                     const BreakerSettings& breaker);

  // Indices into alias.targets, in the order to try them.
  std::vector<size_t> Order(const ModelAlias& alias, absl::Time now);
  // The shared health of a target ("provider/model"), or null when no alias
  // names it.
  DeploymentHealth* Health(const std::string& target) const;
  // Calls `visit` with every target an alias names and its health (for the
  // circuit gauge). The set is fixed at construction: no lock is taken.
  void ForEachDeployment(
      const std::function<void(const std::string& target,
                               const DeploymentHealth& health)>& visit) const;

 private:
  const BreakerSettings breaker_;
  absl::flat_hash_map<std::string, std::unique_ptr<DeploymentHealth>> health_;
  absl::Mutex mu_;
  absl::BitGen random_ ABSL_GUARDED_BY(mu_);
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_ROUTING_DEPLOYMENT_BALANCER_H_
