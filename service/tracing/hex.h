#ifndef LITERLLM_SERVICE_TRACING_HEX_H_
#define LITERLLM_SERVICE_TRACING_HEX_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace literllm {

// The value of one hex digit, either case; -1 for any other character.
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The number up to 16 hex digits write (a trace id's half, a span id); a
// character that is not a digit counts as 0, as ids here were checked
// before (our generator, a parsed traceparent).
inline uint64_t HexToUint64(absl::string_view hex) {
  uint64_t value = 0;
  for (char c : hex) {
    int digit = HexDigitValue(c);
    value = value << 4 | static_cast<uint64_t>(digit < 0 ? 0 : digit);
  }
  return value;
}

// The bytes an id written in hex stands for (OTLP carries ids as bytes).
inline std::string HexToBytes(absl::string_view hex) {
  std::string bytes(hex.size() / 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = static_cast<char>(HexToUint64(hex.substr(2 * i, 2)));
  }
  return bytes;
}

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_HEX_H_
