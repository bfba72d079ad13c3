#ifndef LITERLLM_PROVIDERS_GEMINI_GEMINI_GENERATION_CONFIG_H_
#define LITERLLM_PROVIDERS_GEMINI_GEMINI_GENERATION_CONFIG_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/json/json_writer.h"

namespace literllm {

// Writes `generationConfig` when the request sets anything it holds:
// sampling (temperature, topP, seed, penalties), maxOutputTokens
// (max_completion_tokens, else max_tokens), stopSequences, candidateCount
// (n), response_format (json_object → responseMimeType application/json;
// json_schema → the same plus responseJsonSchema, the schema as JSON Schema)
// and thinkingConfig from reasoning_effort (see WriteThinkingConfig).
// INVALID_ARGUMENT for more than 5 stop sequences (Gemini's limit; they are
// not silently truncated).
absl::Status WriteGenerationConfig(const v1::ChatCompletionRequest& request,
                                   absl::string_view model, JsonWriter& w);

// True when `model` takes thinkingLevel (Gemini 3 and later) rather than a
// thinkingBudget (Gemini 2.5 and anything not recognised: Gemini 3 still
// accepts a budget, 2.5 rejects a level).
bool UsesThinkingLevel(absl::string_view model);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_GEMINI_GEMINI_GENERATION_CONFIG_H_
