#ifndef LITERLLM_SERVICE_METRICS_EXPOSITION_H_
#define LITERLLM_SERVICE_METRICS_EXPOSITION_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace literllm {

enum class MetricType { kCounter, kGauge, kHistogram };

// The Content-Type of a page in Prometheus text format 0.0.4.
inline constexpr absl::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

// Writes metric families in the Prometheus text format 0.0.4: each family's
// HELP and TYPE lines, then its samples. Used at scrape time only, by the
// registry's families and by collectors of values owned elsewhere.
class ExpositionWriter {
 public:
  explicit ExpositionWriter(std::string& out) : out_(out) {}

  // Starts family `name` (a counter's ends in _total). A family without
  // samples is legal: parsers drop it.
  void Family(absl::string_view name, absl::string_view help, MetricType type);
  // `name``suffix`{names[i]="values[i]",...[,le="<le>"]} value. `names`
  // and `values` have the same size.
  void Sample(absl::string_view name, absl::string_view suffix,
              absl::Span<const std::string> names,
              absl::Span<const std::string> values, double value,
              std::optional<double> le = std::nullopt);
  // The same for a series whose labels are given as views (collectors).
  void Sample(absl::string_view name, absl::Span<const absl::string_view> names,
              absl::Span<const absl::string_view> values, double value);

 private:
  template <typename Label>
  void Write(absl::string_view name, absl::string_view suffix,
             absl::Span<const Label> names, absl::Span<const Label> values,
             double value, std::optional<double> le);

  std::string& out_;
};

// A sample value as Prometheus reads it: integers without exponent or
// point, others in the shortest form that reads back exactly; +Inf, -Inf,
// NaN.
void AppendMetricValue(std::string& out, double value);
// A label value with backslash, double quote and newline escaped.
void AppendEscapedLabelValue(std::string& out, absl::string_view value);
// HELP text with backslash and newline escaped.
void AppendEscapedHelp(std::string& out, absl::string_view help);

// Whether `name` is a valid metric or label name ([a-zA-Z_][a-zA-Z0-9_]*;
// metric names may also hold ':').
bool IsValidMetricName(absl::string_view name);
bool IsValidLabelName(absl::string_view name);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_METRICS_EXPOSITION_H_
