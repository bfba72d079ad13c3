#include "providers/gemini/gemini_stream_decoder.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "providers/gemini/gemini_error.h"
#include "providers/json/json_reader.h"
#include "providers/provider_errors.h"

namespace literllm {
namespace {}  // namespace

GeminiStreamDecoder::GeminiStreamDecoder(ProviderConfig config, int64_t created)
    : config_(std::move(config)), created_(created) {}

absl::Status GeminiStreamDecoder::Decode(
    const StreamEvent& event, std::vector<v1::ChatCompletionChunk>& out) {
  absl::string_view data = absl::StripAsciiWhitespace(event.data);
  if (data.empty()) return absl::OkStatus();
  absl::StatusOr<simdjson::dom::element> root = ParseJson(data);
  if (!root.ok()) return UnparseableStreamEvent(config_.name, root.status());
  return ReadEvent(*root, out);
}

absl::Status GeminiStreamDecoder::ReadEvent(
    simdjson::dom::element root, std::vector<v1::ChatCompletionChunk>& out) {
  JsonObjectReader reader(root);
  if (std::optional<simdjson::dom::element> error = reader.Find("error")) {
    return GeminiStreamError(config_, *error);
  }
  absl::Status blocked = CheckPromptBlocked(config_.name, reader);
  if (!blocked.ok()) return blocked;
  if (auto id = reader.String("responseId")) id_ = std::string(*id);
  if (auto model = reader.String("modelVersion")) model_ = std::string(*model);

  v1::ChatCompletionChunk chunk = NewChunk();
  if (std::optional<simdjson::dom::array> candidates =
          reader.Array("candidates")) {
    int32_t position = 0;
    for (simdjson::dom::element element : *candidates) {
      GeminiCandidate candidate;
      reader.Update(ReadGeminiCandidate(element, position++, candidate));
      AddChoice(candidate, chunk);
    }
  }
  if (std::optional<simdjson::dom::element> usage =
          reader.Object("usageMetadata")) {
    reader.Update(ReadGeminiUsage(*usage, usage_.emplace()));
  }
  if (!reader.status().ok())
    return UnparseableStreamEvent(config_.name, reader.status());
  if (chunk.choices_size() > 0) out.push_back(std::move(chunk));
  if (Complete()) AddUsageChunk(out);
  return absl::OkStatus();
}

void GeminiStreamDecoder::AddChoice(const GeminiCandidate& candidate,
                                    v1::ChatCompletionChunk& chunk) {
  auto [it, first] = choices_.try_emplace(candidate.index);
  ChoiceState& state = it->second;
  v1::ChunkChoice choice;
  choice.set_index(candidate.index);
  v1::Delta& delta = *choice.mutable_delta();
  if (first) delta.set_role("assistant");
  if (!candidate.text.empty()) delta.set_content(candidate.text);
  if (!candidate.reasoning.empty()) {
    delta.set_reasoning_content(candidate.reasoning);
  }
  for (const GeminiCall& call : candidate.calls) {
    int32_t index = state.next_tool_index++;
    v1::ToolCallDelta& tool_call = *delta.add_tool_calls();
    tool_call.set_index(index);
    tool_call.set_id(GeminiCallId(call, id_, candidate.index, index));
    tool_call.set_type("function");
    CopyGeminiCall(call, *tool_call.mutable_function());
    state.called = true;
  }
  if (!candidate.finish_reason.empty()) {
    choice.set_finish_reason(
        OpenAiFinishReason(candidate.finish_reason, state.called));
    state.finished = true;
  }
  if (choice.has_finish_reason() || delta.ByteSizeLong() > 0) {
    *chunk.add_choices() = std::move(choice);
  }
}

void GeminiStreamDecoder::AddUsageChunk(
    std::vector<v1::ChatCompletionChunk>& out) {
  if (!usage_ ||
      (usage_sent_ && google::protobuf::util::MessageDifferencer::Equals(
                          *usage_sent_, *usage_))) {
    return;
  }
  usage_sent_ = usage_;
  v1::ChatCompletionChunk chunk = NewChunk();
  *chunk.mutable_usage() = *usage_;
  out.push_back(std::move(chunk));
}

bool GeminiStreamDecoder::Complete() const {
  if (choices_.empty()) return false;
  for (const auto& [index, state] : choices_) {
    if (!state.finished) return false;
  }
  return true;
}

v1::ChatCompletionChunk GeminiStreamDecoder::NewChunk() const {
  v1::ChatCompletionChunk chunk;
  chunk.set_id(id_);
  chunk.set_object("chat.completion.chunk");
  chunk.set_created(created_);
  chunk.set_model(model_);
  chunk.set_provider(config_.name);
  return chunk;
}

absl::Status GeminiStreamDecoder::Finish() {
  if (Complete()) return absl::OkStatus();
  return absl::UnavailableError(
      absl::StrCat(config_.name, ": stream ended before a finishReason"));
}

}  // namespace literllm
