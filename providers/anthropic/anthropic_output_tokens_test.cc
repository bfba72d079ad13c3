#include "providers/anthropic/anthropic_output_tokens.h"

#include <optional>
#include <string>

#include "gtest/gtest.h"

namespace literllm {
namespace {

v1::ChatCompletionRequest Request(std::optional<int> max_tokens,
                                  std::optional<std::string> effort) {
  v1::ChatCompletionRequest request;
  if (max_tokens) request.set_max_tokens(*max_tokens);
  if (effort) request.set_reasoning_effort(*effort);
  return request;
}

TEST(AnthropicOutputCeilingTest, KnownFamiliesByPrefix) {
  EXPECT_EQ(AnthropicOutputCeiling("claude-opus-4-5-20251101"), 64000);
  EXPECT_EQ(AnthropicOutputCeiling("claude-opus-4-1-20250805"), 32000);
  EXPECT_EQ(AnthropicOutputCeiling("claude-opus-4-20250514"), 32000);
  EXPECT_EQ(AnthropicOutputCeiling("claude-sonnet-4-5"), 64000);
  EXPECT_EQ(AnthropicOutputCeiling("claude-haiku-4-5"), 64000);
  EXPECT_EQ(AnthropicOutputCeiling("claude-3-7-sonnet-latest"), 64000);
  EXPECT_EQ(AnthropicOutputCeiling("claude-3-5-haiku-20241022"), 8192);
  EXPECT_EQ(AnthropicOutputCeiling("claude-3-haiku-20240307"), 4096);
  EXPECT_EQ(AnthropicOutputCeiling("my-proxy-alias"), std::nullopt);
}

TEST(AnthropicPlanOutputTokensTest, DefaultWhenTheCallerSetsNoLimit) {
  OutputTokenPlan plan = PlanOutputTokens(Request({}, {}), "claude-sonnet-4-5");
  EXPECT_EQ(plan.max_tokens, kDefaultAnthropicMaxTokens);
  EXPECT_FALSE(plan.thinking_budget.has_value());
  EXPECT_EQ(PlanOutputTokens(Request({}, {}), "unknown-model").max_tokens,
            kDefaultAnthropicMaxTokens);
}

TEST(AnthropicPlanOutputTokensTest, MaxCompletionTokensWinsOverMaxTokens) {
  v1::ChatCompletionRequest request = Request(500, {});
  EXPECT_EQ(PlanOutputTokens(request, "claude-sonnet-4-5").max_tokens, 500);
  request.set_max_completion_tokens(700);
  EXPECT_EQ(PlanOutputTokens(request, "claude-sonnet-4-5").max_tokens, 700);
}

TEST(AnthropicPlanOutputTokensTest, EffortLevelsSetBudgets) {
  struct Case {
    std::string effort;
    std::optional<int> budget;
  };
  for (const Case& c :
       {Case{"none", std::nullopt}, Case{"minimal", 1024}, Case{"low", 1024},
        Case{"medium", 4096}, Case{"high", 16384}, Case{"xhigh", 32768}}) {
    OutputTokenPlan plan =
        PlanOutputTokens(Request({}, c.effort), "claude-sonnet-4-5");
    EXPECT_EQ(plan.thinking_budget, c.budget) << c.effort;
  }
}

TEST(AnthropicPlanOutputTokensTest, BudgetIsAddedWhenTheLimitLeavesNoRoom) {
  OutputTokenPlan plan =
      PlanOutputTokens(Request(1000, "medium"), "claude-sonnet-4-5");
  EXPECT_EQ(plan.max_tokens, 4096 + 1000);
  EXPECT_EQ(plan.thinking_budget, 4096);
  plan = PlanOutputTokens(Request(4096, "medium"), "claude-sonnet-4-5");
  EXPECT_EQ(plan.max_tokens, 4096 + 4096);
}

TEST(AnthropicPlanOutputTokensTest, ALimitAboveTheBudgetIsKept) {
  OutputTokenPlan plan =
      PlanOutputTokens(Request(20000, "high"), "claude-sonnet-4-5");
  EXPECT_EQ(plan.max_tokens, 20000);
  EXPECT_EQ(plan.thinking_budget, 16384);
}

TEST(AnthropicPlanOutputTokensTest, RaisedLimitStopsAtTheModelCeiling) {
  OutputTokenPlan plan =
      PlanOutputTokens(Request({}, "xhigh"), "claude-opus-4-1-20250805");
  EXPECT_EQ(plan.max_tokens, 32000);
  EXPECT_EQ(plan.thinking_budget, 16000);
  // Unknown models have no ceiling to stop at.
  plan = PlanOutputTokens(Request({}, "xhigh"), "my-proxy-alias");
  EXPECT_EQ(plan.max_tokens, 32768 + 4096);
  EXPECT_EQ(plan.thinking_budget, 32768);
}

}  // namespace
}  // namespace literllm
