#include "service/telemetry/access_log_line.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace literllm {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr absl::string_view kReplacement = "\\ufffd";

bool InRange(unsigned char c, unsigned char low, unsigned char high) {
  return c >= low && c <= high;
}

// The length of the well-formed UTF-8 sequence (RFC 3629) at the start of
// `s`, or 0 when it is not one: overlong forms, surrogates and code points
// past U+10FFFF are rejected, as JSON readers do.
size_t SequenceLength(absl::string_view s) {
  const auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80, high = 0xbf;  // the second byte's range
  if (InRange(c, 0xc2, 0xdf)) {
    length = 2;
  } else if (InRange(c, 0xe0, 0xef)) {
    length = 3;
    if (c == 0xe0) low = 0xa0;
    if (c == 0xed) high = 0x9f;
  } else if (InRange(c, 0xf0, 0xf4)) {
    length = 4;
    if (c == 0xf0) low = 0x90;
    if (c == 0xf4) high = 0x8f;
  } else {
    return 0;
  }
  if (s.size() < length) return 0;
  if (!InRange(static_cast<unsigned char>(s[1]), low, high)) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (!InRange(static_cast<unsigned char>(s[i]), 0x80, 0xbf)) return 0;
  }
  return length;
}

void AppendControl(unsigned char c, std::string& out) {
  switch (c) {
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    default:
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
  }
}

}  // namespace

void AppendJsonEscaped(absl::string_view value, std::string& out) {
  size_t i = 0;
  while (i < value.size()) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (c < 0x20) {
      AppendControl(c, out);
      ++i;
    } else if (size_t n = SequenceLength(value.substr(i)); n > 0) {
      out.append(value.data() + i, n);
      i += n;
    } else {
      // One invalid byte; resynchronise on the next.
      out.append(kReplacement.data(), kReplacement.size());
      ++i;
    }
  }
}

absl::string_view Utf8Prefix(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  // Back off over continuation bytes to the start of the cut character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) {
    --cut;
  }
  return text.substr(0, cut);
}

AccessLogLine::AccessLogLine() {
  text_.reserve(512);
  text_ += '{';
}

void AccessLogLine::Name(absl::string_view name) {
  if (text_.size() > 1) text_ += ',';
  text_ += '"';
  text_.append(name.data(), name.size());
  text_ += "\":";
}

AccessLogLine& AccessLogLine::String(absl::string_view name,
                                     absl::string_view value,
                                     size_t max_bytes) {
  Name(name);
  text_ += '"';
  AppendJsonEscaped(Utf8Prefix(value, max_bytes), text_);
  text_ += '"';
  return *this;
}

AccessLogLine& AccessLogLine::StringOrNull(absl::string_view name,
                                           absl::string_view value) {
  return value.empty() ? Null(name) : String(name, value);
}

AccessLogLine& AccessLogLine::Int(absl::string_view name, int64_t value) {
  Name(name);
  absl::StrAppend(&text_, value);
  return *this;
}

AccessLogLine& AccessLogLine::OptionalInt(absl::string_view name,
                                          std::optional<int64_t> value) {
  return value.has_value() ? Int(name, *value) : Null(name);
}

AccessLogLine& AccessLogLine::Fixed(absl::string_view name,
                                    std::optional<double> value, int decimals) {
  if (!value.has_value() || !std::isfinite(*value)) return Null(name);
  Name(name);
  absl::StrAppendFormat(&text_, "%.*f", decimals, *value);
  return *this;
}

AccessLogLine& AccessLogLine::Number(absl::string_view name,
                                     std::optional<double> value) {
  if (!value.has_value() || !std::isfinite(*value)) return Null(name);
  Name(name);
  // 12 significant digits: exact for money, without binary noise.
  absl::StrAppendFormat(&text_, "%.12g", *value);
  return *this;
}

AccessLogLine& AccessLogLine::Null(absl::string_view name) {
  Name(name);
  text_ += "null";
  return *this;
}

std::string AccessLogLine::Finish() {
  text_ += '}';
  return std::move(text_);
}

}  // namespace literllm
