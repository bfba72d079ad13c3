#ifndef LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_RESPONSE_H_
#define LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_RESPONSE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "simdjson.h"

namespace literllm {

// Parses a Messages API `message` body into an OpenAI-shaped completion
// tagged with `provider`; Anthropic sends no timestamp, so `created` is the
// caller's. Text blocks are joined into content, tool_use blocks become
// tool_calls (input serialised as the arguments string), thinking blocks are
// joined into reasoning_content and kept, signed, in thinking_blocks. Other
// block types (server tools) are skipped. A body that is not JSON or has the
// wrong shape is INTERNAL "<provider>: could not parse response: <why>".
absl::StatusOr<v1::ChatCompletionResponse> ParseAnthropicChatResponse(
    absl::string_view provider, absl::string_view body, int64_t created);

// end_turn, stop_sequence, pause_turn → stop; max_tokens and
// model_context_window_exceeded → length; tool_use → tool_calls; refusal →
// content_filter; anything newer → stop.
std::string AnthropicFinishReason(absl::string_view stop_reason);

// Token counts as Anthropic reports them. Its input_tokens exclude cached
// tokens, so OpenAI's prompt_tokens is the sum of all three input counts.
struct AnthropicUsage {
  int64_t input_tokens = 0;
  int64_t cache_creation_input_tokens = 0;
  int64_t cache_read_input_tokens = 0;
  int64_t output_tokens = 0;

  // Takes the counts a `usage` object carries and keeps the others, as a
  // stream's message_delta may repeat only some (its counts are cumulative).
  // INVALID_ARGUMENT when a count is not an integer.
  absl::Status Update(simdjson::dom::element usage);
  v1::Usage ToOpenAi() const;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_RESPONSE_H_
