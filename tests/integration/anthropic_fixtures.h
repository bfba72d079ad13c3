#ifndef LITERLLM_TESTS_INTEGRATION_ANTHROPIC_FIXTURES_H_
#define LITERLLM_TESTS_INTEGRATION_ANTHROPIC_FIXTURES_H_

// Canned Anthropic Messages API answers for the fake upstream.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace literllm::testing {

inline constexpr char kAnthropicKey[] =
    "sk-ant-api03-ThisKeyMustNeverLeak0123456789";

// A non-streaming message with one text block; prompt tokens 10 + 2 + 4.
inline std::string AnthropicMessage(const std::string& text) {
  return absl::StrCat(
      R"({"id":"msg_01","type":"message","role":"assistant",)"
      R"("model":"claude-sonnet-4-5-20250929","content":[{"type":"text",)"
      R"("text":")",
      text,
      R"("}],"stop_reason":"end_turn","stop_sequence":null,"usage":)"
      R"({"input_tokens":10,"cache_creation_input_tokens":2,)"
      R"("cache_read_input_tokens":4,"output_tokens":5}})");
}

inline std::string AnthropicError(const std::string& type,
                                  const std::string& message) {
  return absl::StrCat(R"({"type":"error","error":{"type":")", type,
                      R"(","message":")", message, R"("}})");
}

// One named SSE event; `json` must repeat the name as "type".
inline std::string AnthropicEvent(const std::string& name,
                                  const std::string& json) {
  return absl::StrCat("event: ", name, "\ndata: ", json, "\n\n");
}

inline std::string MessageStartEvent() {
  return AnthropicEvent(
      "message_start",
      R"({"type":"message_start","message":{"id":"msg_s","type":"message",)"
      R"("role":"assistant","content":[],"model":"claude-sonnet-4-5",)"
      R"("usage":{"input_tokens":25,"cache_read_input_tokens":100,)"
      R"("output_tokens":1}}})");
}

inline std::string BlockStartEvent(int index, const std::string& block) {
  return AnthropicEvent(
      "content_block_start",
      absl::StrCat(R"({"type":"content_block_start","index":)", index,
                   R"(,"content_block":)", block, "}"));
}

// `delta` is the delta object, e.g. {"type":"text_delta","text":"Hi"}.
inline std::string BlockDeltaEvent(int index, const std::string& delta) {
  return AnthropicEvent(
      "content_block_delta",
      absl::StrCat(R"({"type":"content_block_delta","index":)", index,
                   R"(,"delta":)", delta, "}"));
}

inline std::string BlockStopEvent(int index) {
  return AnthropicEvent(
      "content_block_stop",
      absl::StrCat(R"({"type":"content_block_stop","index":)", index, "}"));
}

inline std::string MessageEndEvents(const std::string& stop_reason) {
  return absl::StrCat(
      AnthropicEvent(
          "message_delta",
          absl::StrCat(R"({"type":"message_delta","delta":{"stop_reason":")",
                       stop_reason, R"("},"usage":{"output_tokens":42}})")),
      AnthropicEvent("message_stop", R"({"type":"message_stop"})"));
}

// message_start, ping, one text block with a delta per piece, end_turn.
inline std::vector<std::string> AnthropicTextStream(
    const std::vector<std::string>& pieces) {
  std::vector<std::string> events{
      MessageStartEvent(), AnthropicEvent("ping", R"({"type":"ping"})"),
      BlockStartEvent(0, R"({"type":"text","text":""})")};
  for (const auto& piece : pieces) {
    events.push_back(BlockDeltaEvent(
        0, absl::StrCat(R"({"type":"text_delta","text":")", piece, R"("})")));
  }
  events.push_back(BlockStopEvent(0));
  events.push_back(MessageEndEvents("end_turn"));
  return events;
}

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_INTEGRATION_ANTHROPIC_FIXTURES_H_
