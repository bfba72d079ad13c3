#include "providers/anthropic/anthropic_response.h"

#include <algorithm>
#include <climits>
#include <optional>

#include "absl/strings/str_cat.h"
#include "providers/json/json_reader.h"

namespace literllm {
namespace {

void TakeCount(JsonObjectReader& reader, absl::string_view key,
               int64_t& count) {
  if (std::optional<int64_t> value = reader.Int64(key)) count = *value;
}

int32_t Clamp32(int64_t count) {
  return static_cast<int32_t>(std::min<int64_t>(count, INT32_MAX));
}

void ReadToolUse(JsonObjectReader& block, v1::ToolCall& out) {
  out.set_id(std::string(block.String("id").value_or("")));
  out.set_type("function");
  out.mutable_function()->set_name(
      std::string(block.String("name").value_or("")));
  std::optional<simdjson::dom::element> input = block.Object("input");
  out.mutable_function()->set_arguments(input ? simdjson::minify(*input)
                                              : "{}");
}

absl::Status ReadBlock(simdjson::dom::element element, v1::Message& out) {
  JsonObjectReader block(element);
  absl::string_view type = block.String("type").value_or("");
  if (type == "text") {
    absl::StrAppend(out.mutable_content(), block.String("text").value_or(""));
  } else if (type == "tool_use") {
    ReadToolUse(block, *out.add_tool_calls());
  } else if (type == "thinking") {
    absl::string_view thinking = block.String("thinking").value_or("");
    absl::StrAppend(out.mutable_reasoning_content(), thinking);
    v1::ThinkingBlock& kept = *out.add_thinking_blocks();
    kept.set_type("thinking");
    kept.set_thinking(std::string(thinking));
    kept.set_signature(std::string(block.String("signature").value_or("")));
  } else if (type == "redacted_thinking") {
    v1::ThinkingBlock& kept = *out.add_thinking_blocks();
    kept.set_type("redacted_thinking");
    kept.set_data(std::string(block.String("data").value_or("")));
  }
  return block.status();
}

absl::Status ReadResponse(simdjson::dom::element element,
                          v1::ChatCompletionResponse& out) {
  JsonObjectReader root(element);
  out.set_id(std::string(root.String("id").value_or("")));
  out.set_model(std::string(root.String("model").value_or("")));
  v1::Choice& choice = *out.add_choices();
  choice.set_index(0);
  v1::Message& message = *choice.mutable_message();
  message.set_role("assistant");
  if (auto content = root.Array("content")) {
    for (simdjson::dom::element block : *content) {
      root.Update(ReadBlock(block, message));
    }
  } else {
    root.Update(absl::InvalidArgumentError("no \"content\" array"));
  }
  choice.set_finish_reason(
      AnthropicFinishReason(root.String("stop_reason").value_or("")));
  if (auto sequence = root.String("stop_sequence")) {
    choice.set_stop_sequence(std::string(*sequence));
  }
  if (auto usage = root.Object("usage")) {
    AnthropicUsage counts;
    root.Update(counts.Update(*usage));
    *out.mutable_usage() = counts.ToOpenAi();
  }
  return root.status();
}

}  // namespace

std::string AnthropicFinishReason(absl::string_view stop_reason) {
  if (stop_reason == "max_tokens" ||
      stop_reason == "model_context_window_exceeded") {
    return "length";
  }
  if (stop_reason == "tool_use") return "tool_calls";
  if (stop_reason == "refusal") return "content_filter";
  return "stop";
}

absl::Status AnthropicUsage::Update(simdjson::dom::element usage) {
  JsonObjectReader reader(usage);
  TakeCount(reader, "input_tokens", input_tokens);
  TakeCount(reader, "cache_creation_input_tokens", cache_creation_input_tokens);
  TakeCount(reader, "cache_read_input_tokens", cache_read_input_tokens);
  TakeCount(reader, "output_tokens", output_tokens);
  return reader.status();
}

v1::Usage AnthropicUsage::ToOpenAi() const {
  int64_t prompt =
      input_tokens + cache_creation_input_tokens + cache_read_input_tokens;
  v1::Usage usage;
  usage.set_prompt_tokens(Clamp32(prompt));
  usage.set_completion_tokens(Clamp32(output_tokens));
  usage.set_total_tokens(Clamp32(prompt + output_tokens));
  v1::PromptTokensDetails& details = *usage.mutable_prompt_tokens_details();
  details.set_cached_tokens(Clamp32(cache_read_input_tokens));
  if (cache_creation_input_tokens != 0) {
    details.set_cache_creation_tokens(Clamp32(cache_creation_input_tokens));
  }
  return usage;
}

absl::StatusOr<v1::ChatCompletionResponse> ParseAnthropicChatResponse(
    absl::string_view provider, absl::string_view body, int64_t created) {
  absl::StatusOr<v1::ChatCompletionResponse> response =
      ParseJsonBody<v1::ChatCompletionResponse>(provider, "response", body,
                                                ReadResponse);
  if (!response.ok()) return response;
  response->set_object("chat.completion");
  response->set_created(created);
  response->set_provider(std::string(provider));
  return response;
}

}  // namespace literllm
