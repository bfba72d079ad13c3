#include "providers/pricing/model_price.h"

#include "gtest/gtest.h"

namespace literllm {
namespace {

// Sums of products of decimal prices are not exact in binary.
constexpr double kTolerance = 1e-12;

v1::Usage MakeUsage(int prompt, int completion, int cache_reads = 0,
                    int cache_writes = 0, int reasoning = 0) {
  v1::Usage usage;
  usage.set_prompt_tokens(prompt);
  usage.set_completion_tokens(completion);
  usage.set_total_tokens(prompt + completion);
  usage.mutable_prompt_tokens_details()->set_cached_tokens(cache_reads);
  usage.mutable_prompt_tokens_details()->set_cache_creation_tokens(
      cache_writes);
  usage.mutable_completion_tokens_details()->set_reasoning_tokens(reasoning);
  return usage;
}

ModelPrice Price(double input, double output,
                 std::optional<double> cached_input = std::nullopt,
                 std::optional<double> cache_write = std::nullopt) {
  ModelPrice price;
  price.input = input;
  price.output = output;
  price.cached_input = cached_input;
  price.cache_write = cache_write;
  return price;
}

TEST(CostUsdTest, OpenAiUncached) {
  // gpt-4o: 1000 × $2.50 + 500 × $10 per million.
  EXPECT_NEAR(CostUsd(Price(2.50, 10.00, 1.25), MakeUsage(1000, 500)), 0.0075,
              kTolerance);
}

TEST(CostUsdTest, OpenAiCachedAndReasoning) {
  // o4-mini: 2000 fresh × $1.10 + 8000 cached × $0.275 + 1000 completion
  // (600 of them reasoning, already inside completion) × $4.40.
  v1::Usage usage = MakeUsage(10000, 1000, 8000, 0, 600);
  EXPECT_NEAR(CostUsd(Price(1.10, 4.40, 0.275), usage), 0.0088, kTolerance);
}

TEST(CostUsdTest, AnthropicCacheReadsAndWrites) {
  // claude-sonnet-4-5, the cache_usage golden: 21 fresh × $3 + 1024 reads ×
  // $0.30 + 188 writes × $3.75 + 33 out × $15.
  v1::Usage usage = MakeUsage(1233, 33, 1024, 188);
  EXPECT_NEAR(CostUsd(Price(3.00, 15.00, 0.30, 3.75), usage), 0.0015702,
              kTolerance);
}

TEST(CostUsdTest, GeminiReasoningIsOutput) {
  // gemini-2.5-flash: 100 in × $0.30 + 1200 out (1000 thinking) × $2.50.
  v1::Usage usage = MakeUsage(100, 1200, 0, 0, 1000);
  EXPECT_NEAR(CostUsd(Price(0.30, 2.50, 0.03), usage), 0.00303, kTolerance);
}

TEST(CostUsdTest, DeepSeekCacheHitPrice) {
  // deepseek-chat: 1000 misses × $0.28 + 4000 hits × $0.028 + 100 × $0.42.
  v1::Usage usage = MakeUsage(5000, 100, 4000);
  EXPECT_NEAR(CostUsd(Price(0.28, 0.42, 0.028), usage), 0.000434, kTolerance);
}

TEST(CostUsdTest, UnpricedCacheTokensCostTheInputPrice) {
  v1::Usage usage = MakeUsage(1000, 0, 600, 300);
  EXPECT_NEAR(CostUsd(Price(1.00, 2.00), usage), 0.001, kTolerance);
  EXPECT_NEAR(CostUsd(Price(1.00, 2.00, 0.10), usage), (100 + 60 + 300) / 1e6,
              kTolerance);
}

TEST(CostUsdTest, InconsistentUsageIsClampedNeverNegative) {
  ModelPrice price = Price(1.00, 2.00, 0.50, 4.00);
  // More cache reads than prompt tokens: all of the prompt is a cache read.
  EXPECT_NEAR(CostUsd(price, MakeUsage(100, 0, 500)), 50 / 1e6, kTolerance);
  // Writes beyond what the reads leave are capped too.
  EXPECT_NEAR(CostUsd(price, MakeUsage(100, 0, 60, 100)),
              (60 * 0.5 + 40 * 4.0) / 1e6, kTolerance);
  EXPECT_NEAR(CostUsd(price, MakeUsage(-5, -7, -1, -1)), 0.0, kTolerance);
  EXPECT_NEAR(CostUsd(price, v1::Usage()), 0.0, kTolerance);
}

}  // namespace
}  // namespace literllm
