#include "service/metrics/exposition.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

absl::string_view TypeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

bool IsNameChar(char c, bool first, bool colon) {
  return absl::ascii_isalpha(c) || c == '_' || (colon && c == ':') ||
         (!first && absl::ascii_isdigit(c));
}

bool IsValidName(absl::string_view name, bool colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsNameChar(name[i], i == 0, colon)) return false;
  }
  return true;
}

}  // namespace

void ExpositionWriter::Family(absl::string_view name, absl::string_view help,
                              MetricType type) {
  absl::StrAppend(&out_, "# HELP ", name, " ");
  AppendEscapedHelp(out_, help);
  absl::StrAppend(&out_, "\n# TYPE ", name, " ", TypeName(type), "\n");
}

void ExpositionWriter::Sample(absl::string_view name, absl::string_view suffix,
                              absl::Span<const std::string> names,
                              absl::Span<const std::string> values,
                              double value, std::optional<double> le) {
  Write(name, suffix, names, values, value, le);
}

void ExpositionWriter::Sample(absl::string_view name,
                              absl::Span<const absl::string_view> names,
                              absl::Span<const absl::string_view> values,
                              double value) {
  Write<absl::string_view>(name, "", names, values, value, std::nullopt);
}

template <typename Label>
void ExpositionWriter::Write(absl::string_view name, absl::string_view suffix,
                             absl::Span<const Label> names,
                             absl::Span<const Label> values, double value,
                             std::optional<double> le) {
  absl::StrAppend(&out_, name, suffix);
  if (!names.empty() || le.has_value()) {
    out_ += '{';
    for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
      absl::StrAppend(&out_, i == 0 ? "" : ",", names[i], "=\"");
      AppendEscapedLabelValue(out_, values[i]);
      out_ += '"';
    }
    if (le.has_value()) {
      absl::StrAppend(&out_, names.empty() ? "" : ",", "le=\"");
      AppendMetricValue(out_, *le);
      out_ += '"';
    }
    out_ += '}';
  }
  out_ += ' ';
  AppendMetricValue(out_, value);
  out_ += '\n';
}

void AppendMetricValue(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else if (value == std::trunc(value) && std::fabs(value) < 1e15) {
    absl::StrAppend(&out, static_cast<int64_t>(value));
  } else {
    // Go's strconv 'g' (Prometheus' own clients): plain decimals from 1e-4,
    // the exponent form below, so le="0.0005" reads the same as theirs.
    const double magnitude = std::fabs(value);
    const auto format = magnitude >= 1e-4 && magnitude < 1e21
                            ? std::chars_format::fixed
                            : std::chars_format::scientific;
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, format);
    out.append(buffer, result.ptr);
  }
}

void AppendEscapedLabelValue(std::string& out, absl::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
}

void AppendEscapedHelp(std::string& out, absl::string_view help) {
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

bool IsValidMetricName(absl::string_view name) {
  return IsValidName(name, /*colon=*/true);
}

bool IsValidLabelName(absl::string_view name) {
  return IsValidName(name, /*colon=*/false);
}

}  // namespace literllm
