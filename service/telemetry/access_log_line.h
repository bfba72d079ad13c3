#ifndef LITERLLM_SERVICE_TELEMETRY_ACCESS_LOG_LINE_H_
#define LITERLLM_SERVICE_TELEMETRY_ACCESS_LOG_LINE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace literllm {

// Builds one access-log line: a flat JSON object, written straight into a
// string (no DOM), one field after another, without the trailing newline.
// Strings are escaped for JSON, invalid UTF-8 becomes U+FFFD, so any caller
// text yields a valid line. Field names are the caller's constants and are
// written as they are.
class AccessLogLine {
 public:
  AccessLogLine();

  // `value`, cut to at most `max_bytes` bytes (before escaping) at a
  // character boundary.
  AccessLogLine& String(absl::string_view name, absl::string_view value,
                        size_t max_bytes = kUnlimited);
  // `value`, or null when it is empty.
  AccessLogLine& StringOrNull(absl::string_view name, absl::string_view value);
  AccessLogLine& Int(absl::string_view name, int64_t value);
  AccessLogLine& OptionalInt(absl::string_view name,
                             std::optional<int64_t> value);
  // A number with `decimals` digits after the point; null when absent or
  // not finite (JSON has no NaN).
  AccessLogLine& Fixed(absl::string_view name, std::optional<double> value,
                       int decimals);
  // A number in 12 significant digits; null as above.
  AccessLogLine& Number(absl::string_view name, std::optional<double> value);
  AccessLogLine& Null(absl::string_view name);

  // The object, closed. The builder is spent.
  std::string Finish();

  static constexpr size_t kUnlimited = static_cast<size_t>(-1);

 private:
  void Name(absl::string_view name);

  std::string text_;
};

// Appends `value` to `out` as the contents of a JSON string (no quotes).
void AppendJsonEscaped(absl::string_view value, std::string& out);

// The longest prefix of `text` of at most `max_bytes` bytes that does not
// end inside a UTF-8 sequence.
absl::string_view Utf8Prefix(absl::string_view text, size_t max_bytes);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TELEMETRY_ACCESS_LOG_LINE_H_
