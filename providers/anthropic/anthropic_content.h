#ifndef LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_CONTENT_H_
#define LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_CONTENT_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/json/json_writer.h"

namespace literllm {

// Writers for the content blocks of Anthropic messages. `field` names the
// source in errors (e.g. "messages[2]"); failures are INVALID_ARGUMENT.
// Anthropic rejects empty text blocks, so callers never write one: the Has*
// predicates say whether a writer would produce anything.

// `cache_control` (Anthropic's prompt-cache breakpoint) is written only
// when it has a type.
void WriteCacheControl(const v1::CacheControl& cache_control, JsonWriter& w);

void WriteTextBlock(absl::string_view text, JsonWriter& w,
                    const v1::CacheControl* cache_control = nullptr);

// content, or its non-empty text parts, and (when `images`) image parts,
// each part with its cache_control; the message's own cache_control goes on
// the last block unless `own_cache_control` is false (a tool result carries
// it instead). An image part where images are not allowed is an error.
absl::Status WriteMessageBlocks(const v1::Message& message,
                                absl::string_view field, bool images,
                                JsonWriter& w, bool own_cache_control = true);
bool HasMessageBlocks(const v1::Message& message);

// `arguments` (a JSON string) becomes the `input` object: "" → {}, anything
// but a JSON object is an error.
absl::Status WriteToolUseBlock(const v1::ToolCall& call,
                               absl::string_view field, JsonWriter& w);

// Thinking blocks go back verbatim with their signatures, which Anthropic
// verifies. Blocks it could not verify (no signature, or redacted without
// data: e.g. another provider's reasoning) are not sendable and skipped.
bool IsSendable(const v1::ThinkingBlock& block);
absl::Status WriteThinkingBlock(const v1::ThinkingBlock& block,
                                absl::string_view field, JsonWriter& w);

// A `tool` message as a tool_result block for its tool_call_id.
absl::Status WriteToolResultBlock(const v1::Message& message,
                                  absl::string_view field, JsonWriter& w);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_CONTENT_H_
