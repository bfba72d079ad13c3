#include "providers/gemini/gemini_response.h"

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "providers/gemini/gemini_candidate.h"
#include "providers/json/json_reader.h"

namespace literllm {
namespace {

void ToChoice(const GeminiCandidate& candidate, absl::string_view response_id,
              v1::Choice& out) {
  out.set_index(candidate.index);
  out.set_finish_reason(
      OpenAiFinishReason(candidate.finish_reason, !candidate.calls.empty()));
  v1::Message& message = *out.mutable_message();
  message.set_role("assistant");
  // As in OpenAI: content is null beside tool calls unless there was text.
  if (!candidate.text.empty() || candidate.calls.empty()) {
    message.set_content(candidate.text);
  }
  if (!candidate.reasoning.empty()) {
    message.set_reasoning_content(candidate.reasoning);
  }
  for (size_t i = 0; i < candidate.calls.size(); ++i) {
    const GeminiCall& call = candidate.calls[i];
    v1::ToolCall& tool_call = *message.add_tool_calls();
    tool_call.set_id(GeminiCallId(call, response_id, candidate.index,
                                  static_cast<int32_t>(i)));
    tool_call.set_type("function");
    CopyGeminiCall(call, *tool_call.mutable_function());
  }
}

absl::Status ReadResponse(JsonObjectReader& root,
                          v1::ChatCompletionResponse& out) {
  std::string response_id(root.String("responseId").value_or(""));
  out.set_id(response_id);
  out.set_model(std::string(root.String("modelVersion").value_or("")));
  std::optional<simdjson::dom::array> candidates = root.Array("candidates");
  if (!candidates || candidates->size() == 0) {
    root.Update(absl::InvalidArgumentError("no candidates"));
    return root.status();
  }
  int32_t position = 0;
  for (simdjson::dom::element element : *candidates) {
    GeminiCandidate candidate;
    root.Update(ReadGeminiCandidate(element, position++, candidate));
    ToChoice(candidate, response_id, *out.add_choices());
  }
  if (std::optional<simdjson::dom::element> usage =
          root.Object("usageMetadata")) {
    root.Update(ReadGeminiUsage(*usage, *out.mutable_usage()));
  }
  return root.status();
}

}  // namespace

absl::StatusOr<v1::ChatCompletionResponse> ParseGeminiChatResponse(
    absl::string_view provider, absl::string_view body, int64_t created) {
  absl::StatusOr<simdjson::dom::element> root = ParseJson(body);
  v1::ChatCompletionResponse response;
  absl::Status status = root.status();
  if (root.ok()) {
    JsonObjectReader reader(*root);
    absl::Status blocked = CheckPromptBlocked(provider, reader);
    if (!blocked.ok()) return blocked;
    status = ReadResponse(reader, response);
  }
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat(
        provider, ": could not parse response: ", status.message()));
  }
  response.set_object("chat.completion");
  response.set_created(created);
  response.set_provider(std::string(provider));
  return response;
}

}  // namespace literllm
