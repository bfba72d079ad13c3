#include "providers/anthropic/anthropic_stream_decoder.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "providers/anthropic/anthropic_error.h"
#include "providers/provider_errors.h"

namespace literllm {

AnthropicStreamDecoder::AnthropicStreamDecoder(ProviderConfig config,
                                               int64_t created)
    : config_(std::move(config)), created_(created) {}

absl::Status AnthropicStreamDecoder::Decode(
    const StreamEvent& event, std::vector<v1::ChatCompletionChunk>& out) {
  absl::string_view data = absl::StripAsciiWhitespace(event.data);
  if (data.empty() || done_) return absl::OkStatus();
  absl::StatusOr<simdjson::dom::element> root = ParseJson(data);
  if (!root.ok()) return UnparseableStreamEvent(config_.name, root.status());
  JsonObjectReader reader(*root);
  // The data repeats the event name as "type"; either will do.
  absl::string_view type = reader.String("type").value_or(event.type);
  if (type == "error") return AnthropicStreamError(config_, *root);
  absl::Status status = OnEvent(type, reader, out);
  if (status.ok()) status = reader.status();
  return status.ok() ? status : UnparseableStreamEvent(config_.name, status);
}

absl::Status AnthropicStreamDecoder::Finish() {
  if (done_) return absl::OkStatus();
  return absl::UnavailableError(
      absl::StrCat(config_.name, ": stream ended before message_stop"));
}

absl::Status AnthropicStreamDecoder::OnEvent(absl::string_view type,
                                             JsonObjectReader& event,
                                             Chunks& out) {
  if (type == "message_start") return OnMessageStart(event, out);
  if (type == "content_block_start") return OnBlockStart(event, out);
  if (type == "content_block_delta") return OnBlockDelta(event, out);
  if (type == "content_block_stop") return OnBlockStop(event, out);
  if (type == "message_delta") return OnMessageDelta(event, out);
  if (type == "message_stop") return OnMessageStop(out);
  return absl::OkStatus();  // ping, and event types added later
}

absl::Status AnthropicStreamDecoder::OnMessageStart(JsonObjectReader& event,
                                                    Chunks& out) {
  std::optional<simdjson::dom::element> element = event.Object("message");
  if (!element) return absl::InvalidArgumentError("no \"message\" object");
  JsonObjectReader message(*element);
  id_ = std::string(message.String("id").value_or(""));
  model_ = std::string(message.String("model").value_or(""));
  if (auto usage = message.Object("usage")) {
    message.Update(usage_.Update(*usage));
  }
  v1::Delta& delta = AddDelta(out);
  delta.set_role("assistant");
  delta.set_content("");
  return message.status();
}

absl::Status AnthropicStreamDecoder::OnBlockStart(JsonObjectReader& event,
                                                  Chunks& out) {
  std::optional<int64_t> index = event.Int64("index");
  std::optional<simdjson::dom::element> element = event.Object("content_block");
  if (!index || !element) {
    return absl::InvalidArgumentError("no \"index\" or \"content_block\"");
  }
  JsonObjectReader content(*element);
  Block& block = blocks_[*index] = Block{};
  block.type = std::string(content.String("type").value_or(""));
  if (block.type == "text") {
    absl::string_view text = content.String("text").value_or("");
    if (!text.empty()) AddDelta(out).set_content(std::string(text));
  } else if (block.type == "tool_use") {
    block.tool_index = next_tool_index_++;
    v1::ToolCallDelta& call = AddToolCallDelta(block, out);
    call.set_id(std::string(content.String("id").value_or("")));
    call.set_type("function");
    call.mutable_function()->set_name(
        std::string(content.String("name").value_or("")));
    call.mutable_function()->set_arguments("");
  } else if (block.type == "redacted_thinking") {
    block.data = std::string(content.String("data").value_or(""));
  }
  return content.status();
}

absl::Status AnthropicStreamDecoder::OnBlockDelta(JsonObjectReader& event,
                                                  Chunks& out) {
  absl::StatusOr<Block*> block = FindBlock(event);
  if (!block.ok()) return block.status();
  std::optional<simdjson::dom::element> element = event.Object("delta");
  if (!element) return absl::InvalidArgumentError("no \"delta\" object");
  JsonObjectReader delta(*element);
  absl::string_view type = delta.String("type").value_or("");
  if (type == "text_delta") {
    AddDelta(out).set_content(std::string(delta.String("text").value_or("")));
  } else if (type == "input_json_delta" && (*block)->type == "tool_use") {
    absl::string_view json = delta.String("partial_json").value_or("");
    if (!json.empty()) {
      (*block)->has_arguments = true;
      AddToolCallDelta(**block, out)
          .mutable_function()
          ->set_arguments(std::string(json));
    }
  } else if (type == "thinking_delta") {
    absl::string_view thinking = delta.String("thinking").value_or("");
    absl::StrAppend(&(*block)->thinking, thinking);
    AddDelta(out).set_reasoning_content(std::string(thinking));
  } else if (type == "signature_delta") {
    absl::string_view signature = delta.String("signature").value_or("");
    absl::StrAppend(&(*block)->signature, signature);
  }
  // Nothing else is relayed: citations_delta, newer kinds, and the input of
  // server tools (server_tool_use, mcp_tool_use), which run at Anthropic and
  // whose blocks ParseAnthropicChatResponse skips too. Only the caller's own
  // tool_use blocks become tool calls.
  return delta.status();
}

absl::Status AnthropicStreamDecoder::OnBlockStop(JsonObjectReader& event,
                                                 Chunks& out) {
  absl::StatusOr<Block*> found = FindBlock(event);
  if (!found.ok()) return found.status();
  Block block = std::move(**found);
  blocks_.erase(*event.Int64("index"));
  if (block.type == "tool_use" && !block.has_arguments) {
    // OpenAI clients parse the joined fragments: a call without input is {}.
    AddToolCallDelta(block, out).mutable_function()->set_arguments("{}");
  } else if (block.type == "thinking" || block.type == "redacted_thinking") {
    v1::ThinkingBlock& done = *AddDelta(out).add_thinking_blocks();
    done.set_type(block.type);
    if (block.type == "thinking") {
      done.set_thinking(std::move(block.thinking));
      done.set_signature(std::move(block.signature));
    } else {
      done.set_data(std::move(block.data));
    }
  }
  return absl::OkStatus();
}

absl::Status AnthropicStreamDecoder::OnMessageDelta(JsonObjectReader& event,
                                                    Chunks& out) {
  if (auto usage = event.Object("usage")) event.Update(usage_.Update(*usage));
  std::optional<simdjson::dom::element> element = event.Object("delta");
  if (!element) return absl::OkStatus();
  JsonObjectReader delta(*element);
  std::optional<absl::string_view> stop_reason = delta.String("stop_reason");
  if (stop_reason && !finish_sent_) {
    finish_sent_ = true;
    AddDelta(out);
    v1::ChunkChoice& choice = *out.back().mutable_choices(0);
    choice.set_finish_reason(AnthropicFinishReason(*stop_reason));
    if (auto sequence = delta.String("stop_sequence")) {
      choice.set_stop_sequence(std::string(*sequence));
    }
  }
  return delta.status();
}

absl::Status AnthropicStreamDecoder::OnMessageStop(Chunks& out) {
  // A stream that ends without saying why must not pass for a clean stop.
  if (!finish_sent_) {
    return absl::InvalidArgumentError("message_stop before any stop_reason");
  }
  done_ = true;
  *AddChunk(out).mutable_usage() = usage_.ToOpenAi();
  return absl::OkStatus();
}

absl::StatusOr<AnthropicStreamDecoder::Block*>
AnthropicStreamDecoder::FindBlock(JsonObjectReader& event) {
  std::optional<int64_t> index = event.Int64("index");
  auto it = index ? blocks_.find(*index) : blocks_.end();
  if (it == blocks_.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no open content block at index ",
                     index ? absl::StrCat(*index) : "(none)"));
  }
  return &it->second;
}

v1::ChatCompletionChunk& AnthropicStreamDecoder::AddChunk(Chunks& out) const {
  v1::ChatCompletionChunk& chunk = out.emplace_back();
  chunk.set_id(id_);
  chunk.set_object("chat.completion.chunk");
  chunk.set_created(created_);
  chunk.set_model(model_);
  chunk.set_provider(config_.name);
  return chunk;
}

v1::Delta& AnthropicStreamDecoder::AddDelta(Chunks& out) const {
  v1::ChunkChoice& choice = *AddChunk(out).add_choices();
  choice.set_index(0);
  return *choice.mutable_delta();
}

v1::ToolCallDelta& AnthropicStreamDecoder::AddToolCallDelta(const Block& block,
                                                            Chunks& out) const {
  v1::ToolCallDelta& call = *AddDelta(out).add_tool_calls();
  call.set_index(block.tool_index);
  return call;
}

}  // namespace literllm
