#ifndef LITERLLM_SERVICE_TRACING_GENAI_MESSAGES_H_
#define LITERLLM_SERVICE_TRACING_GENAI_MESSAGES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// Message content in the JSON shapes of the GenAI semantic conventions'
// gen_ai.input.messages and gen_ai.output.messages attributes, recorded only
// when OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT is on. Each text is
// cut at kMaxCapturedText bytes so one call cannot swell an export; inline
// (data:) images are named, not copied.

inline constexpr size_t kMaxCapturedText = 64 << 10;

// [{"role":"user","parts":[{"type":"text","content":"..."}]}, ...] with
// tool calls as {"type":"tool_call","id","name","arguments"} and tool
// results as {"type":"tool_call_response","id","response"}.
std::string InputMessagesJson(const v1::ChatCompletionRequest& request);

// [{"role":"assistant","parts":[{"type":"text","content":"..."}],
//   "finish_reason":"stop"}]
std::string OutputMessagesJson(absl::string_view text,
                               const std::vector<std::string>& finish_reasons);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_GENAI_MESSAGES_H_
