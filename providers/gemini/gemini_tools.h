#ifndef LITERLLM_PROVIDERS_GEMINI_GEMINI_TOOLS_H_
#define LITERLLM_PROVIDERS_GEMINI_GEMINI_TOOLS_H_

#include "absl/status/status.h"
#include "google/protobuf/struct.pb.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/json/json_writer.h"

namespace literllm {

// Writes the `tools` (functionDeclarations) and `toolConfig` members, when
// the request has tools. Parameters go out as parametersJsonSchema, which
// takes JSON Schema as is ($ref/$defs, additionalProperties, anyOf, default
// ...), so nothing is lost in translation; see GeminiJsonSchema.
// tool_choice: auto → AUTO, required → ANY, none → NONE, a named function →
// ANY with allowedFunctionNames. `strict` and parallel_tool_calls have no
// Gemini equivalent and are dropped. INVALID_ARGUMENT for parameters whose
// root is not an object schema, or an unknown tool_choice.
absl::Status WriteGeminiTools(const v1::ChatCompletionRequest& request,
                              JsonWriter& w);

// `schema` for Gemini's *JsonSchema fields: as given, less a root "$schema"
// (the one keyword those fields reject; MCP servers often send it).
google::protobuf::Struct GeminiJsonSchema(google::protobuf::Struct schema);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_GEMINI_GEMINI_TOOLS_H_
