#include "providers/pricing/price_table.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace literllm {
namespace {

ModelPrice Row(std::string provider, std::string model, double input,
               double output) {
  ModelPrice price;
  price.provider = std::move(provider);
  price.model = std::move(model);
  price.input = input;
  price.output = output;
  price.as_of = "2026-11-20";
  price.source = "config";
  return price;
}

PriceTable SmallTable() {
  return PriceTable().WithOverrides({
      Row("openai", "gpt-4o", 2.50, 10.00),
      Row("openai", "gpt-4o-mini", 0.15, 0.60),
      Row("anthropic", "claude-sonnet-4-5", 3.00, 15.00),
      Row("gemini", "gemini-2.5-flash", 0.30, 2.50),
  });
}

std::string ModelOf(const ModelPrice* price) {
  return price == nullptr ? "(none)" : price->provider + "/" + price->model;
}

TEST(PriceTableTest, ExactNamesFirst) {
  PriceTable table = SmallTable();
  EXPECT_EQ(ModelOf(table.Find("openai", "gpt-4o")), "openai/gpt-4o");
  EXPECT_EQ(ModelOf(table.Find("openai", "gpt-4o-mini")), "openai/gpt-4o-mini");
}

TEST(PriceTableTest, DatedNamesResolveToTheirOwnFamily) {
  PriceTable table = SmallTable();
  EXPECT_EQ(ModelOf(table.Find("openai", "gpt-4o-2024-08-06")),
            "openai/gpt-4o");
  EXPECT_EQ(ModelOf(table.Find("openai", "gpt-4o-mini-2024-07-18")),
            "openai/gpt-4o-mini");
  EXPECT_EQ(ModelOf(table.Find("anthropic", "claude-sonnet-4-5-20250929")),
            "anthropic/claude-sonnet-4-5");
  EXPECT_EQ(ModelOf(table.Find("gemini", "models/gemini-2.5-flash")),
            "gemini/gemini-2.5-flash");
  // Two markers: the prefix, then the preview date.
  EXPECT_EQ(
      ModelOf(table.Find("gemini", "models/gemini-2.5-flash-preview-05-20")),
      "gemini/gemini-2.5-flash");
}

TEST(PriceTableTest, NeverMatchesByLoosePrefix) {
  PriceTable table = SmallTable();
  EXPECT_EQ(table.Find("openai", "gpt-4o-audio-preview"), nullptr);
  EXPECT_EQ(table.Find("openai", "gpt-4o-audio-preview-2024-12-17"), nullptr);
  EXPECT_EQ(table.Find("openai", "gpt-4"), nullptr);
  EXPECT_EQ(table.Find("openai", "gpt-4o-mini-tts"), nullptr);
  EXPECT_EQ(table.Find("anthropic", "claude-sonnet-4-5-foo"), nullptr);
}

TEST(PriceTableTest, UnknownModelsAndProvidersHaveNoPrice) {
  PriceTable table = SmallTable();
  v1::Usage usage;
  usage.set_prompt_tokens(10);
  EXPECT_EQ(table.EstimateCostUsd("openai", "gpt-7", usage), std::nullopt);
  EXPECT_EQ(table.EstimateCostUsd("nosuch", "gpt-4o", usage), std::nullopt);
  EXPECT_EQ(table.EstimateCostUsd("ollama", "llama3.2", usage), std::nullopt);
  EXPECT_EQ(table.Find("gemini", "gpt-4o"), nullptr);  // wrong provider
  EXPECT_EQ(PriceTable().Find("openai", "gpt-4o"), nullptr);
}

TEST(PriceTableTest, AzureUsesOpenAiPrices) {
  PriceTable table = SmallTable();
  EXPECT_EQ(table.Find("azure", "gpt-4o-2024-11-20"),
            table.Find("openai", "gpt-4o"));
  EXPECT_EQ(table.Find("azure", "my-deployment"), nullptr);
  // An azure row (an override for a private deployment) wins.
  PriceTable with_azure =
      table.WithOverrides({Row("azure", "gpt-4o", 3.00, 12.00)});
  EXPECT_EQ(with_azure.Find("azure", "gpt-4o-2024-11-20")->input, 3.00);
  EXPECT_EQ(with_azure.Find("openai", "gpt-4o")->input, 2.50);
}

TEST(PriceTableTest, EstimateUsesTheFoundRow) {
  PriceTable table = SmallTable();
  v1::Usage usage;
  usage.set_prompt_tokens(1000);
  usage.set_completion_tokens(100);
  std::optional<double> cost =
      table.EstimateCostUsd("openai", "gpt-4o-mini-2024-07-18", usage);
  ASSERT_TRUE(cost.has_value());
  EXPECT_NEAR(*cost, (1000 * 0.15 + 100 * 0.60) / 1e6, 1e-15);
}

TEST(PriceTableTest, OverridesReplaceInPlaceAndAdd) {
  PriceTable table = SmallTable();
  PriceTable overridden = table.WithOverrides({
      Row("openai", "gpt-4o", 1.00, 4.00),
      Row("openai", "ft:gpt-4o-mini:acme::abc123", 0.30, 1.20),
      Row("my-vllm", "llama-3-70b", 0.01, 0.02),
  });
  ASSERT_EQ(overridden.rows().size(), table.rows().size() + 2);
  EXPECT_EQ(overridden.rows()[0].model, "gpt-4o");
  EXPECT_EQ(overridden.rows()[0].input, 1.00);
  EXPECT_EQ(overridden.Find("openai", "gpt-4o-2024-08-06")->output, 4.00);
  EXPECT_EQ(overridden.Find("openai", "ft:gpt-4o-mini:acme::abc123")->input,
            0.30);
  EXPECT_EQ(overridden.Find("my-vllm", "llama-3-70b")->output, 0.02);
  // The original table is unchanged.
  EXPECT_EQ(table.Find("openai", "gpt-4o")->input, 2.50);
}

TEST(PriceTableTest, LaterOverrideOfTheSameModelWins) {
  PriceTable table = PriceTable().WithOverrides(
      {Row("openai", "x", 1, 1), Row("openai", "x", 2, 2)});
  ASSERT_EQ(table.rows().size(), 1u);
  EXPECT_EQ(table.Find("openai", "x")->input, 2);
}

}  // namespace
}  // namespace literllm
