#include "service/server/server_metrics.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/clock.h"

namespace literllm {
namespace {

void WriteCircuits(const DeploymentBalancer& balancer, ExpositionWriter& out) {
  const absl::Time now = absl::Now();
  std::vector<std::pair<std::string, bool>> open;
  balancer.ForEachDeployment(
      [&open, now](const std::string& target, const DeploymentHealth& health) {
        open.emplace_back(target, health.Resting(now));
      });
  std::sort(open.begin(), open.end());
  out.Family("literllm_circuit_open",
             "1 while an alias deployment rests after failures or is being "
             "probed, else 0.",
             MetricType::kGauge);
  static constexpr absl::string_view kLabels[] = {"provider", "deployment"};
  for (const auto& [target, resting] : open) {
    const absl::string_view deployment = target;
    const absl::string_view values[] = {
        deployment.substr(0, deployment.find('/')), deployment};
    out.Sample("literllm_circuit_open", kLabels, values, resting ? 1 : 0);
  }
}

}  // namespace

void AddServerMetrics(MetricsRegistry& registry,
                      const DeploymentBalancer& balancer,
                      std::function<double()> spans_dropped) {
  registry.AddCollector(
      [&balancer](ExpositionWriter& out) { WriteCircuits(balancer, out); });
  registry.AddCollector(
      [spans_dropped = std::move(spans_dropped)](ExpositionWriter& out) {
        out.Family("literllm_spans_dropped_total",
                   "Spans the trace exporter dropped (queue full or "
                   "collector unreachable).",
                   MetricType::kCounter);
        out.Sample("literllm_spans_dropped_total", {}, {}, spans_dropped());
      });
}

}  // namespace literllm
