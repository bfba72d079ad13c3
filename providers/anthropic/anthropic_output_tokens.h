#ifndef LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_OUTPUT_TOKENS_H_
#define LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_OUTPUT_TOKENS_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// Anthropic requires `max_tokens` on every request, and extended thinking
// needs `budget_tokens` (at least 1024) below it. What we send:
//
// - max_tokens: the caller's max_completion_tokens, else max_tokens, else
//   kDefaultAnthropicMaxTokens, which every Claude model accepts. Not the
//   model's ceiling: Anthropic reserves max_tokens against the
//   output-tokens-per-minute limit when a request starts, so a huge default
//   would rate-limit small accounts.
// - reasoning_effort → budget: minimal/low 1024, medium 4096, high 16384,
//   xhigh 32768; none (or unset) → no thinking.
// - With thinking, when max_tokens is not above the budget, the budget is
//   added on top of it so the answer keeps its room; a caller's limit that
//   is already above the budget is kept, as OpenAI counts reasoning inside
//   max_completion_tokens. A raised value is capped at the model's known
//   output ceiling, and the budget then shrinks to half of it so it fits.
// - An explicit `thinking` config (the Anthropic front's) is sent as given,
//   max_tokens unchanged; no budget is planned.
inline constexpr int kDefaultAnthropicMaxTokens = 4096;

struct OutputTokenPlan {
  int max_tokens = 0;
  std::optional<int> thinking_budget;  // set when extended thinking is on
};

OutputTokenPlan PlanOutputTokens(const v1::ChatCompletionRequest& request,
                                 absl::string_view model);

// The most output tokens `model` can produce, when its family is known.
std::optional<int> AnthropicOutputCeiling(absl::string_view model);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_OUTPUT_TOKENS_H_
