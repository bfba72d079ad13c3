#ifndef LITERLLM_PROVIDERS_HTTP_EVENTSTREAM_TESTING_H_
#define LITERLLM_PROVIDERS_HTTP_EVENTSTREAM_TESTING_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace literllm::testing {

// Known encodings from botocore's tests/unit/test_eventstream.py (Apache
// 2.0), byte for byte: what AWS's own decoder is tested against.

// No headers, no payload.
inline constexpr absl::string_view kBotocoreEmpty(
    "\x00\x00\x00\x10\x00\x00\x00\x00\x05\xc2H\xeb}\x98\xc8\xff", 16);
// Headers "0".."9", one of each value type: true, false, byte 2, short 3,
// int 4, long 5, byte array "bytes", string "utf8", timestamp 8, uuid
// "0123456789abcdef".
inline constexpr absl::string_view kBotocoreAllHeaderTypes(
    "\x00\x00\x00\x62\x00\x00\x00\x52\x03\xb5\xcb\x9c"
    "\x01"
    "0\x00\x01"
    "1\x01\x01"
    "2\x02\x02\x01"
    "3\x03\x00\x03"
    "\x01"
    "4\x04\x00\x00\x00\x04\x01"
    "5\x05\x00\x00\x00\x00\x00\x00\x00\x05"
    "\x01"
    "6\x06\x00\x05"
    "bytes\x01"
    "7\x07\x00\x04"
    "utf8"
    "\x01"
    "8\x08\x00\x00\x00\x00\x00\x00\x00\x08\x01"
    "9\x09"
    "0123456789abcdef"
    "\x63\x35\x36\x71",
    0x62);
// :message-type error, :error-code "code", :error-message "message".
inline constexpr absl::string_view kBotocoreError(
    "\x00\x00\x00\x52\x00\x00\x00\x42\xbf\x23\x63\x7e"
    "\x0d:message-type\x07\x00\x05"
    "error"
    "\x0b:error-code\x07\x00\x04"
    "code"
    "\x0e:error-message\x07\x00\x07"
    "message"
    "\x6b\x6c\xea\x3d",
    0x52);
// An event "initial-response" with a text/json payload.
inline constexpr absl::string_view kBotocoreInitialResponse(
    "\x00\x00\x00~\x00\x00\x00O\xc5\xa3\xdd\xc6\r:message-type\x07\x00"
    "\x05"
    "event\x0b:event-type\x07\x00\x10initial-response\r:content-type"
    "\x07\x00\ttext/json{\"InitialResponse\": \"sometext\"}\xf6\x98$\x83",
    0x7e);
// Headers {"byte": -1} (INT8_HEADER).
inline constexpr absl::string_view kBotocoreByteMinusOne(
    "\x00\x00\x00\x17\x00\x00\x00\x07)\x86\x01X\x04"
    "byte\x02\xff\xc2\xf8i\xdc",
    0x17);

// Encodes a Bedrock-style event: `:event-type` `type`, `:content-type`
// application/json, `:message-type` event; `payload` as the payload.
std::string BedrockEventFrame(absl::string_view type,
                              absl::string_view payload);
// A `:message-type` exception frame named `type`.
std::string BedrockExceptionFrame(absl::string_view type,
                                  absl::string_view payload);
// A 12-byte prelude announcing `total` and `headers_length`, with its CRC.
std::string PreludeWithCrc(uint32_t total, uint32_t headers_length);
// A message with the given raw headers section and payload and correct
// lengths and CRCs, for headers no encoder would write.
std::string FrameWithRawHeaders(absl::string_view headers,
                                absl::string_view payload);

}  // namespace literllm::testing

#endif  // LITERLLM_PROVIDERS_HTTP_EVENTSTREAM_TESTING_H_
