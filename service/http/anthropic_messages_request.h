#ifndef LITERLLM_SERVICE_HTTP_ANTHROPIC_MESSAGES_REQUEST_H_
#define LITERLLM_SERVICE_HTTP_ANTHROPIC_MESSAGES_REQUEST_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// Reads an Anthropic Messages API request body
// (https://docs.anthropic.com/en/api/messages) into the gateway's request,
// so any provider can answer it:
//
//   model, max_tokens (required unless `counting`), system, messages (see
//   anthropic_request_blocks.h), temperature, top_p, top_k,
//   stop_sequences → stop, stream, metadata.user_id → user,
//   thinking → thinking (type, budget_tokens), tools (custom tools:
//   name, description, input_schema → parameters, cache_control),
//   tool_choice (auto → "auto", any → "required", none → "none", tool →
//   the named function; disable_parallel_tool_use → parallel_tool_calls
//   false), output_config.format json_schema → response_format.
//
// Server tools (a `type` other than "custom") are rejected; members the
// gateway has no use for (service_tier, container, ...) are ignored.
// `counting` reads a /v1/messages/count_tokens body, which has no
// max_tokens. INVALID_ARGUMENT naming the member at fault.
absl::StatusOr<v1::ChatCompletionRequest> ReadAnthropicMessagesRequest(
    absl::string_view body, bool counting = false);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_ANTHROPIC_MESSAGES_REQUEST_H_
