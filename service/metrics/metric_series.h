#ifndef LITERLLM_SERVICE_METRICS_METRIC_SERIES_H_
#define LITERLLM_SERVICE_METRICS_METRIC_SERIES_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace literllm {

// The value of one series (one label set of a family). Recording is a few
// relaxed atomic operations, from any thread, with no lock; a scrape reads
// the atomics while calls go on.
class MetricSeries {
 public:
  virtual ~MetricSeries() = default;
};

// Adds `delta` to an atomic double (C++17 has no fetch_add for it).
inline void AtomicAdd(std::atomic<double>& target, double delta) {
  double current = target.load(std::memory_order_relaxed);
  while (!target.compare_exchange_weak(current, current + delta,
                                       std::memory_order_relaxed)) {
  }
}

// Only goes up.
class Counter final : public MetricSeries {
 public:
  // `delta` < 0 is ignored: a counter that went down would read as a reset.
  void Add(double delta = 1) {
    if (delta > 0) AtomicAdd(value_, delta);
  }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Gauge final : public MetricSeries {
 public:
  void Add(double delta) { AtomicAdd(value_, delta); }
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Counts observations per bucket (not cumulative: one increment per
// observation); the cumulative counts and the total are summed at scrape.
class Histogram final : public MetricSeries {
 public:
  // `bounds`: the buckets' upper bounds, ascending, without +Inf; owned by
  // the family, which outlives the series.
  explicit Histogram(const std::vector<double>& bounds);

  void Observe(double value);

  // Cumulative counts, one per bound and a last one for +Inf (= the count).
  std::vector<uint64_t> CumulativeCounts() const;
  double sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  const std::vector<double>& bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // bounds_.size() + 1
  std::atomic<double> sum_{0};
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_METRICS_METRIC_SERIES_H_
