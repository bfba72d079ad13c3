#ifndef LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_REQUEST_H_
#define LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_REQUEST_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// The Messages API body for `request` addressed to `model`. Messages as in
// anthropic_messages.h, max_tokens and thinking as in
// anthropic_output_tokens.h. Beyond those, what does not map one to one:
//
// - temperature above 1 (Anthropic's maximum; OpenAI's is 2) is rejected,
//   not clamped, so a caller never gets a different sampler than asked for.
// - With extended thinking (reasoning_effort), Anthropic allows neither a
//   temperature other than 1, top_p below 0.95, nor forced tool use
//   (tool_choice required or named): such requests are rejected too.
// - n > 1 is rejected (Anthropic answers once); presence_penalty,
//   frequency_penalty and seed have no counterpart and are not sent.
// - stop → stop_sequences without whitespace-only entries, which Anthropic
//   rejects.
// - tool_choice is sent only with tools (auto → auto, required → any,
//   none → none, named → tool); forcing a tool without tools is rejected.
//   parallel_tool_calls: false → disable_parallel_tool_use: true.
// - response_format json_schema → output_config.format; json_object is
//   rejected, as Anthropic has no schema-less JSON mode.
// - user → metadata.user_id; top_k, an explicit thinking config and
//   cache_control on tools and blocks pass as they are.
//
// Failures are INVALID_ARGUMENT naming the field, without a provider prefix.
absl::StatusOr<std::string> WriteAnthropicChatBody(
    const v1::ChatCompletionRequest& request, absl::string_view model,
    bool stream);

// The body of POST /v1/messages/count_tokens: the members of the Messages
// body that count (model, system, messages, tools, tool_choice, thinking),
// none of those it rejects (max_tokens, sampling, stream, metadata).
absl::StatusOr<std::string> WriteAnthropicCountTokensBody(
    const v1::ChatCompletionRequest& request, absl::string_view model);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_REQUEST_H_
