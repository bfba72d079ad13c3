#include "service/metrics/metrics_registry.h"

#include <cstdlib>
#include <utility>

#include "service/telemetry/log.h"

namespace literllm {

template <typename F>
F& MetricsRegistry::Add(std::unique_ptr<F> family) {
  absl::MutexLock lock(&mu_);
  for (const auto& existing : families_) {
    if (existing->name() == family->name()) {
      Log("error", "metric registered twice", {{"metric", family->name()}});
      std::abort();
    }
  }
  F& added = *family;
  families_.push_back(std::move(family));
  return added;
}

CounterFamily& MetricsRegistry::AddCounter(std::string name, std::string help,
                                           std::vector<std::string> labels,
                                           size_t max_series) {
  return Add(std::make_unique<CounterFamily>(std::move(name), std::move(help),
                                             std::move(labels), max_series));
}

GaugeFamily& MetricsRegistry::AddGauge(std::string name, std::string help,
                                       std::vector<std::string> labels,
                                       size_t max_series) {
  return Add(std::make_unique<GaugeFamily>(std::move(name), std::move(help),
                                           std::move(labels), max_series));
}

HistogramFamily& MetricsRegistry::AddHistogram(std::string name,
                                               std::string help,
                                               std::vector<std::string> labels,
                                               std::vector<double> bounds,
                                               size_t max_series) {
  return Add(std::make_unique<HistogramFamily>(std::move(name), std::move(help),
                                               std::move(labels),
                                               std::move(bounds), max_series));
}

void MetricsRegistry::AddCollector(Collector collector) {
  absl::MutexLock lock(&mu_);
  collectors_.push_back(std::move(collector));
}

std::string MetricsRegistry::Scrape() const {
  std::string page;
  ExpositionWriter writer(page);
  absl::MutexLock lock(&mu_);
  for (const auto& family : families_) family->Render(writer);
  for (const Collector& collect : collectors_) collect(writer);
  return page;
}

}  // namespace literllm
