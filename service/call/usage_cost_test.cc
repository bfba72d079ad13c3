#include "service/call/usage_cost.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::DoubleNear;
using ::testing::Optional;

v1::Usage Tokens(int prompt, int completion) {
  v1::Usage usage;
  usage.set_prompt_tokens(prompt);
  usage.set_completion_tokens(completion);
  usage.set_total_tokens(prompt + completion);
  return usage;
}

PriceTable Prices() {
  ModelPrice gpt4o{"openai", "gpt-4o", 2.5, 10, 1.25, {}, "x", "https://x"};
  ModelPrice mine{"azure-eu", "gpt-4o", 3, 12, {}, {}, "config", "f:1"};
  return PriceTable().WithOverrides({gpt4o, mine});
}

TEST(UsageCostTest, ProvidersOwnRowsWinOverTheirProtocols) {
  ProviderConfig eu{"azure-eu", "", "", "azure"};
  EXPECT_THAT(EstimateCost(Prices(), eu, "gpt-4o-2024-08-06", "prod-deploy",
                           Tokens(1000, 100)),
              Optional(DoubleNear((1000 * 3 + 100 * 12) / 1e6, 1e-15)));
  ProviderConfig us{"azure-us", "", "", "azure"};  // azure → openai's rows
  EXPECT_THAT(EstimateCost(Prices(), us, "gpt-4o-2024-08-06", "prod-deploy",
                           Tokens(1000, 100)),
              Optional(DoubleNear((1000 * 2.5 + 100 * 10) / 1e6, 1e-15)));
}

TEST(UsageCostTest, FallsBackToTheRequestedModelAndNeverGuesses) {
  ProviderConfig openai{"openai", "", "", "openai"};
  EXPECT_TRUE(
      EstimateCost(Prices(), openai, "", "gpt-4o", Tokens(1, 1)).has_value());
  EXPECT_FALSE(EstimateCost(Prices(), openai, "gpt-4o-audio-preview",
                            "gpt-4o-audio-preview", Tokens(1, 1))
                   .has_value());
  ProviderConfig local{"my-llm", "", "", ""};
  EXPECT_FALSE(EstimateCost(Prices(), local, "gpt-4o", "gpt-4o", Tokens(1, 1))
                   .has_value());
}

TEST(UsageCostTest, OnlyWhatCarriesUsageGetsACost) {
  ProviderConfig openai{"openai", "", "", "openai"};
  v1::ChatCompletionChunk chunk;
  chunk.set_model("gpt-4o");
  SetEstimatedCost(Prices(), openai, "gpt-4o", chunk);
  EXPECT_FALSE(chunk.has_estimated_cost_usd());
  *chunk.mutable_usage() = Tokens(10, 0);
  SetEstimatedCost(Prices(), openai, "gpt-4o", chunk);
  EXPECT_THAT(chunk.estimated_cost_usd(), DoubleNear(25e-6, 1e-15));
}

}  // namespace
}  // namespace literllm
