#ifndef LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_STREAM_DECODER_H_
#define LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_STREAM_DECODER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/anthropic/anthropic_response.h"
#include "providers/http/sse_parser.h"
#include "providers/json/json_reader.h"
#include "providers/provider.h"

namespace literllm {

// Turns a Messages API stream (named SSE events) into OpenAI-shaped chunks:
//
//   message_start        → a chunk with role "assistant"; input usage kept
//   content_block_start  → tool_use: a tool-call delta with id and name
//                          (arguments ""), under an OpenAI tool index that
//                          counts tool calls only, not Anthropic's blocks
//   content_block_delta  → text → content, input_json_delta → argument
//                          fragment (tool_use only), thinking →
//                          reasoning_content, signature → kept for the
//                          block's end
//   server tool blocks   → nothing: server_tool_use (its input JSON too),
//                          *_tool_result and unknown block or delta types,
//                          as in ParseAnthropicChatResponse
//   content_block_stop   → thinking: its thinking_blocks entry, signed;
//                          tool_use that got no arguments: "{}"
//   message_delta        → the finish_reason chunk; output usage kept
//   message_stop         → a last chunk with no choices and the usage
//                          (INTERNAL if no stop_reason came before it)
//   ping, unknown events → nothing;  error → its status (AnthropicStreamError)
//
// Chunks carry the message id and model from message_start and `created`.
class AnthropicStreamDecoder : public StreamDecoder {
 public:
  AnthropicStreamDecoder(ProviderConfig config, int64_t created);

  // INTERNAL for an event that cannot be understood (bad JSON, a delta for
  // a block that never started, message_stop without a stop_reason); block
  // and delta types it does not relay are no error.
  absl::Status Decode(const StreamEvent& event,
                      std::vector<v1::ChatCompletionChunk>& out) override;
  // UNAVAILABLE unless message_stop came: the stream was cut.
  absl::Status Finish() override;

 private:
  // A content block between its start and stop, by Anthropic's index.
  struct Block {
    std::string type;     // text, tool_use, thinking, redacted_thinking, ...
    int tool_index = -1;  // OpenAI tool_calls[].index of a tool_use
    bool has_arguments = false;
    std::string thinking;
    std::string signature;
    std::string data;  // a redacted_thinking block's
  };
  using Chunks = std::vector<v1::ChatCompletionChunk>;

  absl::Status OnEvent(absl::string_view type, JsonObjectReader& event,
                       Chunks& out);
  absl::Status OnMessageStart(JsonObjectReader& event, Chunks& out);
  absl::Status OnBlockStart(JsonObjectReader& event, Chunks& out);
  absl::Status OnBlockDelta(JsonObjectReader& event, Chunks& out);
  absl::Status OnBlockStop(JsonObjectReader& event, Chunks& out);
  absl::Status OnMessageDelta(JsonObjectReader& event, Chunks& out);
  absl::Status OnMessageStop(Chunks& out);

  // The open block `event` names; INVALID_ARGUMENT when there is none.
  absl::StatusOr<Block*> FindBlock(JsonObjectReader& event);
  v1::ChatCompletionChunk& AddChunk(Chunks& out) const;
  // A chunk with one choice; returns its delta.
  v1::Delta& AddDelta(Chunks& out) const;
  v1::ToolCallDelta& AddToolCallDelta(const Block& block, Chunks& out) const;

  const ProviderConfig config_;
  const int64_t created_;
  std::string id_;
  std::string model_;
  AnthropicUsage usage_;
  absl::flat_hash_map<int64_t, Block> blocks_;
  int next_tool_index_ = 0;
  bool finish_sent_ = false;
  bool done_ = false;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_STREAM_DECODER_H_
