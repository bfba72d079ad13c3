#include "providers/http/eventstream_testing.h"

#include <zlib.h>

#include "providers/http/eventstream_message.h"

namespace literllm::testing {
namespace {

EventStreamHeader StringHeader(absl::string_view name,
                               absl::string_view value) {
  return {std::string(name), EventStreamHeaderType::kString, 0,
          std::string(value)};
}

void AppendUint32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xFF));
  }
}

void AppendCrc(std::string& out) {
  AppendUint32(out, static_cast<uint32_t>(
                        crc32(0, reinterpret_cast<const Bytef*>(out.data()),
                              static_cast<uInt>(out.size()))));
}

// A Bedrock-style message: `type_header` names it, JSON payload.
std::string JsonMessage(absl::string_view message_type,
                        absl::string_view type_header, absl::string_view type,
                        absl::string_view payload) {
  return EncodeEventStreamMessage(
      {{StringHeader(type_header, type),
        StringHeader(":content-type", "application/json"),
        StringHeader(":message-type", message_type)},
       std::string(payload)});
}

}  // namespace

std::string BedrockEventFrame(absl::string_view type,
                              absl::string_view payload) {
  return JsonMessage("event", ":event-type", type, payload);
}

std::string BedrockExceptionFrame(absl::string_view type,
                                  absl::string_view payload) {
  return JsonMessage("exception", ":exception-type", type, payload);
}

std::string PreludeWithCrc(uint32_t total, uint32_t headers_length) {
  std::string out;
  AppendUint32(out, total);
  AppendUint32(out, headers_length);
  AppendCrc(out);
  return out;
}

std::string FrameWithRawHeaders(absl::string_view headers,
                                absl::string_view payload) {
  std::string out = PreludeWithCrc(
      kEventStreamMinMessageBytes + headers.size() + payload.size(),
      headers.size());
  out.append(headers.data(), headers.size());
  out.append(payload.data(), payload.size());
  AppendCrc(out);
  return out;
}

}  // namespace literllm::testing
