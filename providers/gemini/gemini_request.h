#ifndef LITERLLM_PROVIDERS_GEMINI_GEMINI_REQUEST_H_
#define LITERLLM_PROVIDERS_GEMINI_GEMINI_REQUEST_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// The GenerateContentRequest body for `request`, the same for unary and
// streaming calls (the URL decides): contents and systemInstruction (see
// BuildGeminiConversation), tools and toolConfig (WriteGeminiTools) and
// generationConfig (WriteGenerationConfig). `model` picks the thinking
// parameter. Fields Gemini has no place for (user, parallel_tool_calls,
// reasoning_content of earlier turns) are not sent. INVALID_ARGUMENT, without
// a provider prefix, for what Gemini cannot carry.
absl::StatusOr<std::string> WriteGeminiBody(
    const v1::ChatCompletionRequest& request, absl::string_view model);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_GEMINI_GEMINI_REQUEST_H_
