#ifndef LITERLLM_SERVICE_HTTP_ANTHROPIC_STREAM_WRITER_H_
#define LITERLLM_SERVICE_HTTP_ANTHROPIC_STREAM_WRITER_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/json/json_writer.h"

namespace literllm {

// Turns the v1 chunks of one streamed call (from any provider) into
// Anthropic's named SSE events, as its SDKs' stream parsers expect them:
//
//   first chunk        → message_start (id, model, usage zeros), ping
//   reasoning_content  → a thinking block: thinking_delta
//   thinking_blocks    → its signature_delta, content_block_stop (a block
//                        that was not streamed first: start, its text, its
//                        signature, stop; redacted_thinking: start, stop)
//   content, refusal   → a text block: text_delta
//   tool_calls         → per call a tool_use block (id, name, input {}),
//                        input_json_delta per argument fragment
//   finish_reason      → content_block_stop of the open block
//   usage chunk        → message_delta (stop_reason, stop_sequence, usage
//                        with input, cache and output tokens)
//   End()              → what is still open, message_delta if none went
//                        out, message_stop
//
// Block indexes count every block, in the order they open; one block is
// open at a time (a new kind closes the open one). A fragment for a tool
// call whose block was closed goes to that block's index, where the SDKs
// accumulate by index. Only choice 0 is relayed (Anthropic has one).
class AnthropicStreamWriter {
 public:
  // The events `chunk` becomes; "" when none.
  std::string Chunk(const v1::ChatCompletionChunk& chunk);
  // The events that end a stream that succeeded.
  std::string End();
  // An `error` event, ending a stream that failed after it started.
  static std::string ErrorEvent(absl::string_view type,
                                absl::string_view message);

 private:
  enum class Block { kNone, kText, kThinking, kToolUse };

  void Start(const v1::ChatCompletionChunk& chunk, std::string& out);
  void OnDelta(const v1::Delta& delta, std::string& out);
  void OnThinkingBlock(const v1::ThinkingBlock& block, std::string& out);
  void OnToolCall(const v1::ToolCallDelta& call, std::string& out);
  // Opens a block of `kind` (closing the open one) unless it is open.
  void Ensure(Block kind, std::string& out);
  void Open(Block kind, const v1::ToolCallDelta* call, std::string& out);
  void Close(std::string& out);
  void Delta(int index, absl::string_view type, absl::string_view key,
             absl::string_view value, std::string& out);
  void MessageDelta(const v1::Usage& usage, std::string& out);

  bool started_ = false;
  bool message_delta_sent_ = false;
  Block open_ = Block::kNone;
  int open_index_ = -1;
  int next_index_ = 0;
  // Block index of each v1 tool call index.
  absl::flat_hash_map<int32_t, int> tool_blocks_;
  std::string stop_reason_ = "end_turn";
  std::string stop_sequence_;
  bool has_stop_sequence_ = false;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_ANTHROPIC_STREAM_WRITER_H_
