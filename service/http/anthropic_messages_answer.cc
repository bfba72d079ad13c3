#include "service/http/anthropic_messages_answer.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "providers/json/json_reader.h"

namespace literllm {
namespace {

void WriteThinkingBlocks(const v1::Message& message, JsonWriter& w) {
  for (const v1::ThinkingBlock& block : message.thinking_blocks()) {
    w.StartObject();
    if (block.type() == "redacted_thinking") {
      WriteStringMember("type", "redacted_thinking", w);
      WriteStringMember("data", block.data(), w);
    } else {
      WriteStringMember("type", "thinking", w);
      WriteStringMember("thinking", block.thinking(), w);
      WriteStringMember("signature", block.signature(), w);
    }
    w.EndObject();
  }
  if (message.thinking_blocks_size() == 0 &&
      !message.reasoning_content().empty()) {
    w.StartObject();
    WriteStringMember("type", "thinking", w);
    WriteStringMember("thinking", message.reasoning_content(), w);
    WriteStringMember("signature", "", w);
    w.EndObject();
  }
}

void WriteToolUse(const v1::ToolCall& call, JsonWriter& w) {
  w.StartObject();
  WriteStringMember("type", "tool_use", w);
  WriteStringMember("id", call.id(), w);
  WriteStringMember("name", call.function().name(), w);
  WriteKey("input", w);
  std::string input = "{}";
  absl::string_view arguments = call.function().arguments();
  if (!absl::StripAsciiWhitespace(arguments).empty()) {
    absl::StatusOr<simdjson::dom::element> root = ParseJson(arguments);
    if (root.ok() && root->is_object()) input = simdjson::minify(*root);
  }
  w.RawValue(input.data(), input.size(), rapidjson::kObjectType);
  w.EndObject();
}

void WriteContent(const v1::Message& message, JsonWriter& w) {
  WriteKey("content", w);
  w.StartArray();
  WriteThinkingBlocks(message, w);
  std::string text = message.content();
  for (const v1::ContentPart& part : message.content_parts()) {
    if (part.type() == "text") text += part.text();
  }
  if (text.empty()) text = message.refusal();
  if (!text.empty()) {
    w.StartObject();
    WriteStringMember("type", "text", w);
    WriteStringMember("text", text, w);
    w.EndObject();
  }
  for (const v1::ToolCall& call : message.tool_calls()) WriteToolUse(call, w);
  w.EndArray();
}

}  // namespace

absl::string_view AnthropicStopReason(absl::string_view finish_reason,
                                      bool stopped_by_sequence) {
  if (finish_reason == "length") return "max_tokens";
  if (finish_reason == "tool_calls" || finish_reason == "function_call") {
    return "tool_use";
  }
  if (finish_reason == "content_filter") return "refusal";
  return stopped_by_sequence ? "stop_sequence" : "end_turn";
}

void WriteAnthropicUsage(const v1::Usage& usage, JsonWriter& w) {
  const v1::PromptTokensDetails& details = usage.prompt_tokens_details();
  int64_t cached = details.cached_tokens();
  int64_t written = details.cache_creation_tokens();
  w.StartObject();
  WriteIntMember("input_tokens",
                 std::max<int64_t>(0, usage.prompt_tokens() - cached - written),
                 w);
  WriteIntMember("cache_creation_input_tokens", written, w);
  WriteIntMember("cache_read_input_tokens", cached, w);
  WriteIntMember("output_tokens", usage.completion_tokens(), w);
  w.EndObject();
}

std::string AnthropicMessageJson(const v1::ChatCompletionResponse& response) {
  static const v1::Choice kNoChoice;
  const v1::Choice& choice =
      response.choices().empty() ? kNoChoice : response.choices(0);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteStringMember("id", response.id(), w);
  WriteStringMember("type", "message", w);
  WriteStringMember("role", "assistant", w);
  WriteStringMember("model", response.model(), w);
  WriteContent(choice.message(), w);
  WriteStringMember(
      "stop_reason",
      AnthropicStopReason(choice.finish_reason(), choice.has_stop_sequence()),
      w);
  WriteKey("stop_sequence", w);
  if (choice.has_stop_sequence()) {
    WriteString(choice.stop_sequence(), w);
  } else {
    w.Null();
  }
  WriteKey("usage", w);
  WriteAnthropicUsage(response.usage(), w);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace literllm
