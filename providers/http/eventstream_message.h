#ifndef LITERLLM_PROVIDERS_HTTP_EVENTSTREAM_MESSAGE_H_
#define LITERLLM_PROVIDERS_HTTP_EVENTSTREAM_MESSAGE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace literllm {

// One message of the AWS event stream (`application/vnd.amazon.eventstream`,
// Bedrock's ConverseStream framing): a 12-byte prelude (total length,
// headers length, CRC32 of those 8 bytes; big-endian), the headers, the
// payload, and a CRC32 of everything before it.

// The header value types, numbered as on the wire.
enum class EventStreamHeaderType : uint8_t {
  kBoolTrue = 0,
  kBoolFalse = 1,
  kByte = 2,
  kShort = 3,
  kInt = 4,
  kLong = 5,
  kByteArray = 6,
  kString = 7,
  kTimestamp = 8,  // milliseconds since the Unix epoch
  kUuid = 9,
};

struct EventStreamHeader {
  std::string name;
  EventStreamHeaderType type = EventStreamHeaderType::kString;
  int64_t number = 0;  // bool (0/1), byte, short, int, long, timestamp
  std::string bytes;   // byte array, string, uuid (16 bytes)
};

struct EventStreamMessage {
  std::vector<EventStreamHeader> headers;
  std::string payload;

  // The value of string header `name`, "" when absent or not a string.
  absl::string_view StringHeader(absl::string_view name) const;
};

inline constexpr size_t kEventStreamPreludeBytes = 12;
// The smallest message: prelude and message CRC, no headers or payload.
inline constexpr size_t kEventStreamMinMessageBytes = 16;
// Larger totals are refused before buffering: Bedrock's payload limit is far
// below this, and a corrupt length must not make us wait for gigabytes.
inline constexpr size_t kEventStreamMaxMessageBytes = 16 << 20;
// botocore's limit on the headers section.
inline constexpr size_t kEventStreamMaxHeadersBytes = 128 << 10;

// The total length announced by a prelude (`prelude` holds at least
// kEventStreamPreludeBytes), after checking its CRC and its lengths.
// DataLoss when the prelude is corrupt or the lengths are out of range.
absl::StatusOr<size_t> EventStreamMessageLength(absl::string_view prelude);

// Decodes exactly one message. DataLoss for a bad CRC, a length that does
// not match `frame`, a header running past its section, an unknown value
// type or a repeated header name. Never reads outside `frame`.
absl::StatusOr<EventStreamMessage> DecodeEventStreamMessage(
    absl::string_view frame);

// Encodes `message` (for fakes and tests; Bedrock only ever sends them).
std::string EncodeEventStreamMessage(const EventStreamMessage& message);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_EVENTSTREAM_MESSAGE_H_
