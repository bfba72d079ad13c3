#include "service/http/anthropic_stream_writer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "service/http/anthropic_messages_answer.h"

namespace literllm {
namespace {

// Appends `event: <name>` and its data, {"type": <name>, ...members}.
template <typename Members>
void Event(absl::string_view name, std::string& out, Members members) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteStringMember("type", name, w);
  members(w);
  w.EndObject();
  absl::StrAppend(&out, "event: ", name, "\ndata: ",
                  absl::string_view(buffer.GetString(), buffer.GetSize()),
                  "\n\n");
}

}  // namespace

std::string AnthropicStreamWriter::Chunk(const v1::ChatCompletionChunk& chunk) {
  std::string out;
  if (!started_) Start(chunk, out);
  if (chunk.choices().empty()) {
    if (chunk.has_usage()) MessageDelta(chunk.usage(), out);
    return out;
  }
  const v1::ChunkChoice& choice = chunk.choices(0);
  if (choice.index() != 0) return out;
  OnDelta(choice.delta(), out);
  if (choice.has_finish_reason()) {
    Close(out);
    has_stop_sequence_ = choice.has_stop_sequence();
    stop_sequence_ = choice.stop_sequence();
    stop_reason_ = std::string(
        AnthropicStopReason(choice.finish_reason(), has_stop_sequence_));
  }
  return out;
}

std::string AnthropicStreamWriter::End() {
  std::string out;
  if (!started_) Start(v1::ChatCompletionChunk(), out);
  Close(out);
  if (!message_delta_sent_) MessageDelta(v1::Usage(), out);
  Event("message_stop", out, [](JsonWriter&) {});
  return out;
}

std::string AnthropicStreamWriter::ErrorEvent(absl::string_view type,
                                              absl::string_view message) {
  std::string out;
  Event("error", out, [&](JsonWriter& w) {
    WriteKey("error", w);
    w.StartObject();
    WriteStringMember("type", type, w);
    WriteStringMember("message", message, w);
    w.EndObject();
  });
  return out;
}

void AnthropicStreamWriter::Start(const v1::ChatCompletionChunk& chunk,
                                  std::string& out) {
  started_ = true;
  Event("message_start", out, [&chunk](JsonWriter& w) {
    WriteKey("message", w);
    w.StartObject();
    WriteStringMember("id", chunk.id(), w);
    WriteStringMember("type", "message", w);
    WriteStringMember("role", "assistant", w);
    WriteKey("content", w);
    w.StartArray();
    w.EndArray();
    WriteStringMember("model", chunk.model(), w);
    WriteKey("stop_reason", w);
    w.Null();
    WriteKey("stop_sequence", w);
    w.Null();
    // Counts come with the last chunk, in message_delta.
    WriteKey("usage", w);
    WriteAnthropicUsage(v1::Usage(), w);
    w.EndObject();
  });
  Event("ping", out, [](JsonWriter&) {});
}

void AnthropicStreamWriter::OnDelta(const v1::Delta& delta, std::string& out) {
  if (!delta.reasoning_content().empty()) {
    Ensure(Block::kThinking, out);
    Delta(open_index_, "thinking_delta", "thinking", delta.reasoning_content(),
          out);
  }
  for (const v1::ThinkingBlock& block : delta.thinking_blocks()) {
    OnThinkingBlock(block, out);
  }
  for (absl::string_view text : {delta.content(), delta.refusal()}) {
    if (text.empty()) continue;
    Ensure(Block::kText, out);
    Delta(open_index_, "text_delta", "text", text, out);
  }
  for (const v1::ToolCallDelta& call : delta.tool_calls()) {
    OnToolCall(call, out);
  }
}

void AnthropicStreamWriter::OnThinkingBlock(const v1::ThinkingBlock& block,
                                            std::string& out) {
  if (block.type() == "redacted_thinking") {
    Close(out);
    Event("content_block_start", out, [&](JsonWriter& w) {
      WriteIntMember("index", next_index_, w);
      WriteKey("content_block", w);
      w.StartObject();
      WriteStringMember("type", "redacted_thinking", w);
      WriteStringMember("data", block.data(), w);
      w.EndObject();
    });
    open_ = Block::kThinking;
    open_index_ = next_index_++;
    return Close(out);
  }
  // A block complete on arrival was not streamed: its text first.
  bool streamed = open_ == Block::kThinking;
  Ensure(Block::kThinking, out);
  if (!streamed && !block.thinking().empty()) {
    Delta(open_index_, "thinking_delta", "thinking", block.thinking(), out);
  }
  if (!block.signature().empty()) {
    Delta(open_index_, "signature_delta", "signature", block.signature(), out);
  }
  Close(out);
}

void AnthropicStreamWriter::OnToolCall(const v1::ToolCallDelta& call,
                                       std::string& out) {
  auto known = tool_blocks_.find(call.index());
  int index;
  if (known == tool_blocks_.end()) {
    Close(out);
    Open(Block::kToolUse, &call, out);
    index = tool_blocks_[call.index()] = open_index_;
  } else {
    index = known->second;
  }
  if (!call.function().arguments().empty()) {
    Delta(index, "input_json_delta", "partial_json",
          call.function().arguments(), out);
  }
}

void AnthropicStreamWriter::Ensure(Block kind, std::string& out) {
  if (open_ == kind) return;
  Close(out);
  Open(kind, nullptr, out);
}

void AnthropicStreamWriter::Open(Block kind, const v1::ToolCallDelta* call,
                                 std::string& out) {
  open_ = kind;
  open_index_ = next_index_++;
  Event("content_block_start", out, [&](JsonWriter& w) {
    WriteIntMember("index", open_index_, w);
    WriteKey("content_block", w);
    w.StartObject();
    if (kind == Block::kText) {
      WriteStringMember("type", "text", w);
      WriteStringMember("text", "", w);
    } else if (kind == Block::kThinking) {
      WriteStringMember("type", "thinking", w);
      WriteStringMember("thinking", "", w);
      WriteStringMember("signature", "", w);
    } else {
      WriteStringMember("type", "tool_use", w);
      WriteStringMember("id", call->id(), w);
      WriteStringMember("name", call->function().name(), w);
      WriteKey("input", w);
      w.StartObject();
      w.EndObject();
    }
    w.EndObject();
  });
}

void AnthropicStreamWriter::Close(std::string& out) {
  if (open_ == Block::kNone) return;
  Event("content_block_stop", out,
        [this](JsonWriter& w) { WriteIntMember("index", open_index_, w); });
  open_ = Block::kNone;
}

void AnthropicStreamWriter::Delta(int index, absl::string_view type,
                                  absl::string_view key,
                                  absl::string_view value, std::string& out) {
  Event("content_block_delta", out, [&](JsonWriter& w) {
    WriteIntMember("index", index, w);
    WriteKey("delta", w);
    w.StartObject();
    WriteStringMember("type", type, w);
    WriteStringMember(key, value, w);
    w.EndObject();
  });
}

void AnthropicStreamWriter::MessageDelta(const v1::Usage& usage,
                                         std::string& out) {
  Close(out);
  message_delta_sent_ = true;
  Event("message_delta", out, [&](JsonWriter& w) {
    WriteKey("delta", w);
    w.StartObject();
    WriteStringMember("stop_reason", stop_reason_, w);
    WriteKey("stop_sequence", w);
    if (has_stop_sequence_) {
      WriteString(stop_sequence_, w);
    } else {
      w.Null();
    }
    w.EndObject();
    WriteKey("usage", w);
    WriteAnthropicUsage(usage, w);
  });
}

}  // namespace literllm
