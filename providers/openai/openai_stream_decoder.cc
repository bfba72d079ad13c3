#include "providers/openai/openai_stream_decoder.h"

#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "providers/json/json_reader.h"
#include "providers/openai/openai_error.h"
#include "providers/openai/openai_response.h"
#include "providers/provider_errors.h"

namespace literllm {
namespace {

// First fragments carry id, type and name; later ones only argument pieces.
absl::Status ReadToolCallDelta(simdjson::dom::element element,
                               v1::ToolCallDelta& out) {
  JsonObjectReader call(element);
  out.set_index(static_cast<int32_t>(call.Int64("index").value_or(0)));
  if (auto id = call.String("id")) out.set_id(std::string(*id));
  if (auto type = call.String("type")) out.set_type(std::string(*type));
  if (auto function = call.Object("function")) {
    call.Update(ReadOpenAiFunction(*function, *out.mutable_function()));
  }
  return call.status();
}

absl::Status ReadDelta(simdjson::dom::element element, v1::Delta& out) {
  JsonObjectReader delta(element);
  ReadOpenAiMessageText(delta, out);
  if (auto calls = delta.Array("tool_calls")) {
    for (simdjson::dom::element call : *calls) {
      delta.Update(ReadToolCallDelta(call, *out.add_tool_calls()));
    }
  }
  return delta.status();
}

absl::Status ReadChunkChoice(simdjson::dom::element element,
                             v1::ChunkChoice& out) {
  JsonObjectReader choice(element);
  out.set_index(static_cast<int32_t>(choice.Int64("index").value_or(0)));
  if (auto delta = choice.Object("delta")) {
    choice.Update(ReadDelta(*delta, *out.mutable_delta()));
  }
  if (auto reason = choice.String("finish_reason")) {
    out.set_finish_reason(OpenAiFinishReason(*reason));
  }
  return choice.status();
}

// Reads a chunk; `obfuscation` padding and other unknown members are dropped.
absl::Status ReadChunk(JsonObjectReader& root, v1::ChatCompletionChunk& out) {
  ReadOpenAiEnvelope(root, out);
  if (auto choices = root.Array("choices")) {
    for (simdjson::dom::element choice : *choices) {
      root.Update(ReadChunkChoice(choice, *out.add_choices()));
    }
  }
  if (auto usage = FindOpenAiUsage(root)) {
    root.Update(ReadOpenAiUsage(*usage, *out.mutable_usage()));
  }
  return root.status();
}

}  // namespace

OpenAiStreamDecoder::OpenAiStreamDecoder(ProviderConfig config,
                                         const OpenAiDialect& dialect)
    : config_(std::move(config)), done_marker_(dialect.done_marker) {}

absl::Status OpenAiStreamDecoder::Decode(
    const StreamEvent& event, std::vector<v1::ChatCompletionChunk>& out) {
  absl::string_view data = absl::StripAsciiWhitespace(event.data);
  if (data.empty() || done_) return absl::OkStatus();
  if (data == "[DONE]") {
    End(out);
    return absl::OkStatus();
  }
  absl::StatusOr<simdjson::dom::element> root = ParseJson(data);
  if (!root.ok()) return UnparseableStreamEvent(config_.name, root.status());
  JsonObjectReader reader(*root);
  if (auto error = reader.Find("error")) {
    return OpenAiStreamError(config_, *error);
  }
  v1::ChatCompletionChunk chunk;
  absl::Status status = ReadChunk(reader, chunk);
  if (!status.ok()) return UnparseableStreamEvent(config_.name, status);
  chunk.set_provider(config_.name);
  // Once per stream: the envelope stays the same (Azure's first chunk has
  // none).
  if (usage_chunk_.id().empty() && !chunk.id().empty()) KeepEnvelope(chunk);
  const bool has_usage = chunk.has_usage();
  if (has_usage) {
    *usage_chunk_.mutable_usage() = std::move(*chunk.mutable_usage());
    chunk.clear_usage();
  }
  TrackChoices(chunk);
  if (chunk.choices_size() > 0) out.push_back(std::move(chunk));
  // Without [DONE] the usage chunk must go out before the body ends, as
  // Finish() cannot add chunks. Usage sent with or after the last finish is
  // the final count (Perplexity's finishing chunk carries it); usage seen
  // only before the finish is a running count and is not sent.
  if (!done_marker_ && has_usage && AllChoicesFinished()) End(out);
  return absl::OkStatus();
}

void OpenAiStreamDecoder::KeepEnvelope(const v1::ChatCompletionChunk& chunk) {
  usage_chunk_.set_id(chunk.id());
  usage_chunk_.set_object("chat.completion.chunk");
  usage_chunk_.set_created(chunk.created());
  usage_chunk_.set_model(chunk.model());
  usage_chunk_.set_provider(chunk.provider());
  if (chunk.has_system_fingerprint()) {
    usage_chunk_.set_system_fingerprint(chunk.system_fingerprint());
  }
}

void OpenAiStreamDecoder::TrackChoices(v1::ChatCompletionChunk& chunk) {
  for (v1::ChunkChoice& choice : *chunk.mutable_choices()) {
    ChoiceState& state = choices_[choice.index()];
    if (choice.delta().has_role()) {
      // Clients concatenate deltas: a repeated role reads "assistantassis...".
      if (state.role_sent) choice.mutable_delta()->clear_role();
      state.role_sent = true;
    }
    if (!choice.finish_reason().empty()) state.finished = true;
  }
}

bool OpenAiStreamDecoder::AllChoicesFinished() const {
  if (choices_.empty()) return false;
  for (const auto& [index, state] : choices_) {
    if (!state.finished) return false;
  }
  return true;
}

void OpenAiStreamDecoder::End(std::vector<v1::ChatCompletionChunk>& out) {
  done_ = true;
  if (usage_chunk_.has_usage()) out.push_back(std::move(usage_chunk_));
}

absl::Status OpenAiStreamDecoder::Finish() {
  if (done_) return absl::OkStatus();
  if (done_marker_) {
    return absl::UnavailableError(
        absl::StrCat(config_.name, ": stream ended before [DONE]"));
  }
  // A server that sends no usage after the finish (or none at all) ends
  // here; its usage, if any, was a running count.
  if (AllChoicesFinished()) return absl::OkStatus();
  return absl::UnavailableError(
      absl::StrCat(config_.name, ": stream ended before a finish_reason"));
}

}  // namespace literllm
