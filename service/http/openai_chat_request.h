#ifndef LITERLLM_SERVICE_HTTP_OPENAI_CHAT_REQUEST_H_
#define LITERLLM_SERVICE_HTTP_OPENAI_CHAT_REQUEST_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// Reads an OpenAI chat completions request body
// (https://platform.openai.com/docs/api-reference/chat/create) into the
// gateway's request, with simdjson: `content` as a string or a list of text
// and image_url parts, `stop` as a string or a list, `tool_choice` as a
// string or an object, and the gateway's own `fallbacks`, `max_retries` and
// `attempt_timeout`. Members the gateway has no use for (`metadata`,
// `store`, `logprobs`, ...) are ignored, as OpenAI-compatible servers do.
// INVALID_ARGUMENT naming the member for a body that is not JSON, not an
// object, or has a member of the wrong type.
absl::StatusOr<v1::ChatCompletionRequest> ReadOpenAiChatRequest(
    absl::string_view body);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_OPENAI_CHAT_REQUEST_H_
