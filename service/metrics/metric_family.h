#ifndef LITERLLM_SERVICE_METRICS_METRIC_FAMILY_H_
#define LITERLLM_SERVICE_METRICS_METRIC_FAMILY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "service/metrics/exposition.h"
#include "service/metrics/metric_series.h"

namespace literllm {

// A metric with fixed label names and one series per set of label values,
// created on first use and kept for the family's life (a series that
// disappeared would read as a counter reset).
//
// Cardinality bound: once a family holds `max_series` label sets, a new one
// is counted into a single overflow series whose label values are all
// "other" (logged once), so a caller inventing model names cannot grow
// memory or the page without bound.
//
// Recording a series this thread used before is lock-free (SeriesCache);
// the family's mutex is taken on a cache miss and at scrape only.
class MetricFamily {
 public:
  static constexpr size_t kDefaultMaxSeries = 5000;
  static constexpr absl::string_view kOverflowValue = "other";

  MetricFamily(std::string name, std::string help, MetricType type,
               std::vector<std::string> label_names, size_t max_series);
  virtual ~MetricFamily();
  MetricFamily(const MetricFamily&) = delete;
  MetricFamily& operator=(const MetricFamily&) = delete;

  const std::string& name() const { return name_; }
  const std::vector<std::string>& label_names() const { return label_names_; }
  // Distinct label sets so far, the overflow series included.
  size_t series_count() const;

  // HELP, TYPE and every series, in creation order.
  void Render(ExpositionWriter& writer) const;

 protected:
  // The series of `labels` (one value per label name, else a crash: a
  // programming error), made on first use.
  MetricSeries& Find(absl::Span<const absl::string_view> labels);

 private:
  virtual std::unique_ptr<MetricSeries> NewSeries() const = 0;
  virtual void RenderSeries(ExpositionWriter& writer,
                            const std::vector<std::string>& labels,
                            const MetricSeries& series) const = 0;

  MetricSeries* FindOrCreate(std::string key,
                             absl::Span<const absl::string_view> labels);
  MetricSeries* AddLocked(std::vector<std::string> labels)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  struct Entry {
    std::vector<std::string> labels;
    std::unique_ptr<MetricSeries> series;
  };

  const uint64_t id_;  // unique for the process's life (SeriesCache)
  const std::string name_;
  const std::string help_;
  const MetricType type_;
  const std::vector<std::string> label_names_;
  const size_t max_series_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, MetricSeries*> by_key_ ABSL_GUARDED_BY(mu_);
  std::vector<Entry> entries_ ABSL_GUARDED_BY(mu_);  // creation order
  MetricSeries* overflow_ ABSL_GUARDED_BY(mu_) = nullptr;
};

// A family with one value per series: counters and gauges.
template <typename Series, MetricType kType>
class ValueFamily final : public MetricFamily {
 public:
  ValueFamily(std::string name, std::string help,
              std::vector<std::string> label_names,
              size_t max_series = kDefaultMaxSeries)
      : MetricFamily(std::move(name), std::move(help), kType,
                     std::move(label_names), max_series) {}
  Series& With(absl::Span<const absl::string_view> labels) {
    return static_cast<Series&>(Find(labels));
  }

 private:
  std::unique_ptr<MetricSeries> NewSeries() const override {
    return std::make_unique<Series>();
  }
  void RenderSeries(ExpositionWriter& writer,
                    const std::vector<std::string>& labels,
                    const MetricSeries& series) const override {
    writer.Sample(name(), "", label_names(), labels,
                  static_cast<const Series&>(series).value());
  }
};

using CounterFamily = ValueFamily<Counter, MetricType::kCounter>;
using GaugeFamily = ValueFamily<Gauge, MetricType::kGauge>;

class HistogramFamily final : public MetricFamily {
 public:
  // `bounds`: bucket upper bounds, ascending, finite; +Inf is implied.
  HistogramFamily(std::string name, std::string help,
                  std::vector<std::string> label_names,
                  std::vector<double> bounds,
                  size_t max_series = kDefaultMaxSeries);
  Histogram& With(absl::Span<const absl::string_view> labels) {
    return static_cast<Histogram&>(Find(labels));
  }

 private:
  std::unique_ptr<MetricSeries> NewSeries() const override;
  void RenderSeries(ExpositionWriter& writer,
                    const std::vector<std::string>& labels,
                    const MetricSeries& series) const override;

  const std::vector<double> bounds_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_METRICS_METRIC_FAMILY_H_
