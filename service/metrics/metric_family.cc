#include "service/metrics/metric_family.h"

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/metrics/series_cache.h"
#include "service/telemetry/log.h"

namespace literllm {
namespace {

std::atomic<uint64_t> next_family_id{1};

[[noreturn]] void Crash(absl::string_view why) {
  Log("error", why);
  std::abort();
}

void CheckNames(absl::string_view name,
                const std::vector<std::string>& label_names, MetricType type) {
  if (!IsValidMetricName(name)) Crash(absl::StrCat("bad metric name ", name));
  for (const std::string& label : label_names) {
    if (!IsValidLabelName(label) || absl::StartsWith(label, "__") ||
        (type == MetricType::kHistogram && label == "le")) {
      Crash(absl::StrCat("bad label name ", label, " of ", name));
    }
  }
}

}  // namespace

MetricFamily::MetricFamily(std::string name, std::string help, MetricType type,
                           std::vector<std::string> label_names,
                           size_t max_series)
    : id_(next_family_id.fetch_add(1)),
      name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      label_names_(std::move(label_names)),
      max_series_(max_series) {
  CheckNames(name_, label_names_, type_);
}

MetricFamily::~MetricFamily() = default;

size_t MetricFamily::series_count() const {
  absl::MutexLock lock(&mu_);
  return entries_.size();
}

MetricSeries& MetricFamily::Find(absl::Span<const absl::string_view> labels) {
  if (labels.size() != label_names_.size()) {
    Crash(absl::StrCat(name_, " recorded with ", labels.size(),
                       " label values for ", label_names_.size(), " names"));
  }
  const size_t hash = SeriesHash(id_, labels);
  if (MetricSeries* cached = SeriesCache::Find(id_, hash, labels)) {
    return *cached;
  }
  std::string key = SeriesKey(labels);
  MetricSeries* series = FindOrCreate(key, labels);
  SeriesCache::Put(id_, hash, std::move(key), series);
  return *series;
}

MetricSeries* MetricFamily::FindOrCreate(
    std::string key, absl::Span<const absl::string_view> labels) {
  bool overflowed = false;
  MetricSeries* series;
  {
    absl::MutexLock lock(&mu_);
    if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
    if (by_key_.size() < max_series_) {
      series =
          AddLocked(std::vector<std::string>(labels.begin(), labels.end()));
      by_key_.emplace(std::move(key), series);
      return series;
    }
    // Not remembered under its own key: label sets past the cap stay out
    // of the map too.
    overflowed = overflow_ == nullptr;
    if (overflowed) {
      overflow_ = AddLocked(std::vector<std::string>(
          label_names_.size(), std::string(kOverflowValue)));
    }
    series = overflow_;
  }
  if (overflowed) {
    Log("warn",
        "metric family reached its series cap; new label sets count "
        "as \"other\"",
        {{"metric", name_}, {"max_series", absl::StrCat(max_series_)}});
  }
  return series;
}

MetricSeries* MetricFamily::AddLocked(std::vector<std::string> labels) {
  Entry& entry = entries_.emplace_back();
  entry.labels = std::move(labels);
  entry.series = NewSeries();
  return entry.series.get();
}

void MetricFamily::Render(ExpositionWriter& writer) const {
  writer.Family(name_, help_, type_);
  absl::MutexLock lock(&mu_);
  for (const Entry& entry : entries_) {
    RenderSeries(writer, entry.labels, *entry.series);
  }
}

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> label_names,
                                 std::vector<double> bounds, size_t max_series)
    : MetricFamily(std::move(name), std::move(help), MetricType::kHistogram,
                   std::move(label_names), max_series),
      bounds_(std::move(bounds)) {
  for (size_t i = 0; i < bounds_.size(); ++i) {
    if (!std::isfinite(bounds_[i]) || (i > 0 && bounds_[i] <= bounds_[i - 1])) {
      Crash(absl::StrCat("histogram ", this->name(),
                         " needs finite ascending bounds"));
    }
  }
}

std::unique_ptr<MetricSeries> HistogramFamily::NewSeries() const {
  return std::make_unique<Histogram>(bounds_);
}

void HistogramFamily::RenderSeries(ExpositionWriter& writer,
                                   const std::vector<std::string>& labels,
                                   const MetricSeries& series) const {
  const auto& histogram = static_cast<const Histogram&>(series);
  std::vector<uint64_t> counts = histogram.CumulativeCounts();
  for (size_t i = 0; i < bounds_.size(); ++i) {
    writer.Sample(name(), "_bucket", label_names(), labels, counts[i],
                  bounds_[i]);
  }
  const double count = counts.back();
  writer.Sample(name(), "_bucket", label_names(), labels, count,
                std::numeric_limits<double>::infinity());
  writer.Sample(name(), "_sum", label_names(), labels, histogram.sum());
  writer.Sample(name(), "_count", label_names(), labels, count);
}

}  // namespace literllm
