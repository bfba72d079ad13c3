#ifndef LITERLLM_SERVICE_METRICS_SERIES_CACHE_H_
#define LITERLLM_SERVICE_METRICS_SERIES_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "service/metrics/metric_series.h"

namespace literllm {

// The label values of a series as one string: each value prefixed by its
// length, so no value can be mistaken for two.
std::string SeriesKey(absl::Span<const absl::string_view> labels);
// Whether `key` is SeriesKey(labels), without building it.
bool SeriesKeyMatches(absl::string_view key,
                      absl::Span<const absl::string_view> labels);
// The hash of a family's label set, for the per-thread cache.
size_t SeriesHash(uint64_t family_id,
                  absl::Span<const absl::string_view> labels);

// Each thread's map from (family, label values) to the series they were
// recorded in, so recording a known series takes no lock: a fixed-size
// direct-mapped table, where a colliding label set simply replaces the old
// one (the next use of that one takes the family's lock again). Family ids
// are never reused, so an entry of a family that is gone never matches.
class SeriesCache {
 public:
  // The cached series, or null.
  static MetricSeries* Find(uint64_t family_id, size_t hash,
                            absl::Span<const absl::string_view> labels);
  // Remembers `series` for the label set whose SeriesKey is `key`.
  static void Put(uint64_t family_id, size_t hash, std::string key,
                  MetricSeries* series);
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_METRICS_SERIES_CACHE_H_
