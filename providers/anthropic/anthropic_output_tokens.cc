#include "providers/anthropic/anthropic_output_tokens.h"

#include "absl/strings/match.h"

namespace literllm {
namespace {

struct ModelFamily {
  absl::string_view prefix;
  int output_ceiling;
};

// First match wins, so longer prefixes come before the ones they extend.
// A ceiling on the low side only makes thinking budgets smaller; unknown
// models get no ceiling and the upstream judges.
constexpr ModelFamily kFamilies[] = {
    {"claude-opus-4-5", 64000},   {"claude-opus-4", 32000},
    {"claude-sonnet-4", 64000},   {"claude-haiku-4", 64000},
    {"claude-3-7-sonnet", 64000}, {"claude-3-5-", 8192},
    {"claude-3-", 4096},
};

std::optional<int> ThinkingBudget(const v1::ChatCompletionRequest& request) {
  if (!request.has_reasoning_effort()) return std::nullopt;
  absl::string_view effort = request.reasoning_effort();
  if (effort == "minimal" || effort == "low") return 1024;
  if (effort == "medium") return 4096;
  if (effort == "high") return 16384;
  if (effort == "xhigh") return 32768;
  return std::nullopt;  // "none"; the validator rejects anything else
}

}  // namespace

std::optional<int> AnthropicOutputCeiling(absl::string_view model) {
  for (const ModelFamily& family : kFamilies) {
    if (absl::StartsWith(model, family.prefix)) return family.output_ceiling;
  }
  return std::nullopt;
}

OutputTokenPlan PlanOutputTokens(const v1::ChatCompletionRequest& request,
                                 absl::string_view model) {
  std::optional<int> ceiling = AnthropicOutputCeiling(model);
  int answer = kDefaultAnthropicMaxTokens;
  if (request.has_max_completion_tokens()) {
    answer = request.max_completion_tokens();
  } else if (request.has_max_tokens()) {
    answer = request.max_tokens();
  }
  // An explicit thinking config is Anthropic's own terms: sent as given,
  // with the caller's max_tokens.
  if (request.has_thinking()) return {answer, std::nullopt};
  OutputTokenPlan plan{answer, ThinkingBudget(request)};
  if (!plan.thinking_budget) return plan;
  if (plan.max_tokens > *plan.thinking_budget) return plan;
  plan.max_tokens = *plan.thinking_budget + answer;
  if (ceiling && plan.max_tokens > *ceiling) {
    plan.max_tokens = *ceiling;
    if (*plan.thinking_budget >= plan.max_tokens) {
      plan.thinking_budget = plan.max_tokens / 2;
    }
  }
  return plan;
}

}  // namespace literllm
