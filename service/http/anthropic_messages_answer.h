#ifndef LITERLLM_SERVICE_HTTP_ANTHROPIC_MESSAGES_ANSWER_H_
#define LITERLLM_SERVICE_HTTP_ANTHROPIC_MESSAGES_ANSWER_H_

#include <string>

#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/json/json_writer.h"

namespace literllm {

// A v1 answer as Anthropic's `message` object: {"id", "type":"message",
// "role":"assistant", "model", "content":[...], "stop_reason",
// "stop_sequence", "usage"}. Content blocks in the order Claude writes them:
// thinking blocks (signed ones as they came; reasoning text without blocks,
// e.g. from another provider, as one unsigned thinking block), then the
// text, then each tool call as a tool_use block with its arguments parsed
// into `input` ({} when they are not a JSON object).
std::string AnthropicMessageJson(const v1::ChatCompletionResponse& response);

// OpenAI's finish_reason in Anthropic's terms: stop → end_turn (or
// stop_sequence when the provider named the sequence), length → max_tokens,
// tool_calls → tool_use, content_filter → refusal.
absl::string_view AnthropicStopReason(absl::string_view finish_reason,
                                      bool stopped_by_sequence);

// The `usage` object: input_tokens without the cached ones (Anthropic
// counts them apart), cache_creation_input_tokens, cache_read_input_tokens,
// output_tokens.
void WriteAnthropicUsage(const v1::Usage& usage, JsonWriter& w);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_ANTHROPIC_MESSAGES_ANSWER_H_
