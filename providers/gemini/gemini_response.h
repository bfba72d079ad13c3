#ifndef LITERLLM_PROVIDERS_GEMINI_GEMINI_RESPONSE_H_
#define LITERLLM_PROVIDERS_GEMINI_GEMINI_RESPONSE_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// Parses a GenerateContentResponse into a `chat.completion` tagged with
// `provider` and stamped `created` (Gemini sends no time). responseId → id,
// modelVersion → model, candidates → choices by their index (text parts →
// content, thought parts → reasoning_content, functionCall parts →
// tool_calls with generated ids where Gemini gave none), usageMetadata →
// usage (see gemini_candidate.h for the mappings).
// A blocked prompt (no candidates, promptFeedback.blockReason) is
// INVALID_ARGUMENT naming the reason (see CheckPromptBlocked); any other
// answer without candidates, or one that is not understood, is INTERNAL
// "<provider>: could not parse response: <why>".
absl::StatusOr<v1::ChatCompletionResponse> ParseGeminiChatResponse(
    absl::string_view provider, absl::string_view body, int64_t created);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_GEMINI_GEMINI_RESPONSE_H_
