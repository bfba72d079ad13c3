#ifndef LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_MESSAGES_H_
#define LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_MESSAGES_H_

#include "absl/status/status.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/json/json_writer.h"

namespace literllm {

// Writes the "system" and "messages" members of a Messages API body.
//
// - Leading system and developer messages become top-level `system` text
//   blocks. Later ones stay where they are, as user-turn text wrapped in
//   <system-reminder> tags: hoisting them would change what the model saw
//   when, and Anthropic has no system role inside `messages`.
// - Consecutive `tool` messages (and any user text after them) form ONE user
//   turn whose tool_result blocks come first, in order, as Anthropic
//   requires right after an assistant turn with tool_use blocks.
// - Turns of the same role are merged; messages that would send only empty
//   text are left out, as Anthropic rejects empty text blocks.
// - Assistant turns: signed thinking blocks, then text, then tool_use.
//
// INVALID_ARGUMENT naming the message for content Anthropic cannot carry, or
// when no user or assistant content is left.
absl::Status WriteAnthropicConversation(
    const v1::ChatCompletionRequest& request, JsonWriter& w);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_MESSAGES_H_
