#ifndef LITERLLM_SERVICE_METRICS_METRICS_REGISTRY_H_
#define LITERLLM_SERVICE_METRICS_METRICS_REGISTRY_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "service/metrics/exposition.h"
#include "service/metrics/metric_family.h"

namespace literllm {

// The metrics of one process, rendered as a Prometheus text page. Families
// are registered at start-up and live as long as the registry; recording
// into them is thread-safe and lock-free for series a thread used before.
// Values owned elsewhere (circuit state, dropped spans, /proc) come from
// collectors that write their families at scrape time.
class MetricsRegistry {
 public:
  // Writes whole families (ExpositionWriter::Family, then samples). Runs on
  // the scraping thread, under the registry's lock: must not block long and
  // must not call back into the registry.
  using Collector = std::function<void(ExpositionWriter&)>;

  MetricsRegistry() = default;
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // The returned family lives as long as the registry. A name registered
  // twice is a programming error (crash).
  CounterFamily& AddCounter(
      std::string name, std::string help, std::vector<std::string> labels,
      size_t max_series = MetricFamily::kDefaultMaxSeries);
  GaugeFamily& AddGauge(std::string name, std::string help,
                        std::vector<std::string> labels,
                        size_t max_series = MetricFamily::kDefaultMaxSeries);
  HistogramFamily& AddHistogram(
      std::string name, std::string help, std::vector<std::string> labels,
      std::vector<double> bounds,
      size_t max_series = MetricFamily::kDefaultMaxSeries);
  // Collectors run after the families, in the order they were added.
  void AddCollector(Collector collector);

  // Every family and collector in text format 0.0.4.
  std::string Scrape() const;

 private:
  template <typename F>
  F& Add(std::unique_ptr<F> family);

  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<MetricFamily>> families_ ABSL_GUARDED_BY(mu_);
  std::vector<Collector> collectors_ ABSL_GUARDED_BY(mu_);
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_METRICS_METRICS_REGISTRY_H_
