#ifndef LITERLLM_PROVIDERS_OPENAI_OPENAI_REQUEST_H_
#define LITERLLM_PROVIDERS_OPENAI_OPENAI_REQUEST_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/openai/openai_dialect.h"

namespace literllm {

// The Chat Completions body for `request` addressed to `model`, written
// straight from the proto in `dialect`. Optional fields appear only when set;
// the caller's `stream` and `stream_options` are never forwarded: `stream`
// decides, and a streaming body asks for usage where the server allows it.
// INVALID_ARGUMENT (without a provider prefix) for content the server cannot
// carry.
absl::StatusOr<std::string> WriteOpenAiChatBody(
    const v1::ChatCompletionRequest& request, absl::string_view model,
    bool stream, const OpenAiDialect& dialect);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_OPENAI_OPENAI_REQUEST_H_
