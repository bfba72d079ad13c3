#include "providers/pricing/embedded_prices.h"

#include <set>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "providers/pricing/price_table.h"

namespace literllm {
namespace {

bool IsDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) {
      return false;
    }
  }
  int month = std::stoi(text.substr(5, 2));
  int day = std::stoi(text.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

TEST(EmbeddedPricesTest, EveryRowIsWellFormed) {
  const std::vector<ModelPrice> rows = EmbeddedPrices();
  EXPECT_GE(rows.size(), 60u);
  std::set<std::pair<std::string, std::string>> seen;
  for (const ModelPrice& row : rows) {
    const std::string name = row.provider + "/" + row.model;
    EXPECT_TRUE(seen.emplace(row.provider, row.model).second)
        << "duplicate " << name;
    EXPECT_GT(row.output, 0) << name;
    EXPECT_GE(row.input, 0) << name;
    if (row.cached_input) {
      EXPECT_GE(*row.cached_input, 0) << name;
      EXPECT_LE(*row.cached_input, row.input) << name;
    }
    if (row.cache_write) {
      EXPECT_GE(*row.cache_write, 0) << name;
    }
    EXPECT_TRUE(absl::StartsWith(row.source, "https://")) << name;
    EXPECT_TRUE(IsDate(row.as_of)) << name << " as of " << row.as_of;
    EXPECT_GE(row.as_of, "2024-01-01") << name;
  }
}

TEST(EmbeddedPricesTest, CoversEveryHostedProviderAndNoLocalOne) {
  PriceTable table = PriceTable::Embedded();
  std::set<std::string> providers;
  for (const ModelPrice& row : table.rows()) providers.insert(row.provider);
  for (const char* provider :
       {"openai", "anthropic", "gemini", "groq", "mistral", "deepseek",
        "together", "fireworks", "xai", "perplexity", "cerebras"}) {
    EXPECT_EQ(providers.count(provider), 1u) << provider;
  }
  EXPECT_EQ(providers.count("ollama"), 0u);
  EXPECT_EQ(providers.count("vllm"), 0u);
  EXPECT_EQ(providers.count("azure"), 0u);  // azure reads openai's rows
}

// Names as the providers return them, and the row each must price as.
TEST(EmbeddedPricesTest, ProviderNamesResolveToTheirFamily) {
  PriceTable table = PriceTable::Embedded();
  struct Case {
    const char* provider;
    const char* returned;
    const char* family;
  };
  for (const Case& c : {
           Case{"openai", "gpt-4o-2024-08-06", "gpt-4o"},
           Case{"openai", "gpt-4o-mini-2024-07-18", "gpt-4o-mini"},
           Case{"openai", "gpt-5-2025-08-07", "gpt-5"},
           Case{"openai", "gpt-4.1-mini-2025-04-14", "gpt-4.1-mini"},
           Case{"openai", "o3-2025-04-16", "o3"},
           Case{"openai", "o4-mini-2025-04-16", "o4-mini"},
           Case{"openai", "gpt-5-chat-latest", "gpt-5-chat-latest"},
           Case{"azure", "gpt-4o-2024-11-20", "gpt-4o"},
           Case{"anthropic", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5"},
           Case{"anthropic", "claude-opus-4-1-20250805", "claude-opus-4-1"},
           Case{"anthropic", "claude-opus-4-20250514", "claude-opus-4"},
           Case{"anthropic", "claude-haiku-4-5-20251001", "claude-haiku-4-5"},
           Case{"anthropic", "claude-3-7-sonnet-latest", "claude-3-7-sonnet"},
           Case{"anthropic", "claude-3-5-sonnet@20240620", "claude-3-5-sonnet"},
           Case{"anthropic", "claude-3-5-haiku-20241022", "claude-3-5-haiku"},
           Case{"gemini", "models/gemini-2.5-flash", "gemini-2.5-flash"},
           Case{"gemini", "gemini-2.5-flash-preview-05-20", "gemini-2.5-flash"},
           Case{"gemini", "gemini-2.5-flash-lite-preview-06-17",
                "gemini-2.5-flash-lite"},
           Case{"gemini", "gemini-2.0-flash-001", "gemini-2.0-flash"},
           Case{"gemini", "gemini-3-pro-preview", "gemini-3-pro-preview"},
           Case{"xai", "grok-4-0709", "grok-4"},
           Case{"mistral", "mistral-large-2411", "mistral-large"},
           Case{"mistral", "mistral-large-latest", "mistral-large"},
           Case{"mistral", "mistral-medium-2604", "mistral-medium"},
           Case{"mistral", "codestral-2508", "codestral"},
           Case{"deepseek", "deepseek-chat", "deepseek-chat"},
           Case{"groq", "llama-3.3-70b-versatile", "llama-3.3-70b-versatile"},
           Case{"together", "meta-llama/Llama-3.3-70B-Instruct-Turbo",
                "meta-llama/Llama-3.3-70B-Instruct-Turbo"},
           Case{"fireworks", "accounts/fireworks/models/gpt-oss-120b",
                "accounts/fireworks/models/gpt-oss-120b"},
           Case{"perplexity", "sonar-pro", "sonar-pro"},
           Case{"cerebras", "gpt-oss-120b", "gpt-oss-120b"},
       }) {
    const ModelPrice* price = table.Find(c.provider, c.returned);
    ASSERT_NE(price, nullptr) << c.provider << "/" << c.returned;
    EXPECT_EQ(price->model, c.family) << c.provider << "/" << c.returned;
  }
}

TEST(EmbeddedPricesTest, UnknownAndLookalikeModelsHaveNoPrice) {
  PriceTable table = PriceTable::Embedded();
  for (const auto& [provider, model] :
       std::vector<std::pair<const char*, const char*>>{
           {"openai", "gpt-4o-audio-preview"},
           {"openai", "gpt-4o-realtime-preview-2024-12-17"},
           {"openai", "gpt-4o-mini-tts"},
           {"openai", "text-embedding-3-small"},
           {"anthropic", "claude-2.1"},
           {"gemini", "gemini-1.0-pro"},
           {"ollama", "llama3.2"},
           {"vllm", "meta-llama/Llama-3.1-8B-Instruct"},
           {"openrouter", "openai/gpt-4o"},
       }) {
    EXPECT_EQ(table.Find(provider, model), nullptr) << provider << "/" << model;
  }
}

TEST(EmbeddedPricesTest, EstimatesWithTheEmbeddedRows) {
  PriceTable table = PriceTable::Embedded();
  v1::Usage usage;
  usage.set_prompt_tokens(2000);
  usage.set_completion_tokens(300);
  usage.mutable_prompt_tokens_details()->set_cached_tokens(1500);
  const ModelPrice* deepseek = table.Find("deepseek", "deepseek-chat");
  ASSERT_NE(deepseek, nullptr);
  ASSERT_TRUE(deepseek->cached_input.has_value());
  EXPECT_LT(*deepseek->cached_input, deepseek->input);
  std::optional<double> cost =
      table.EstimateCostUsd("deepseek", "deepseek-chat", usage);
  ASSERT_TRUE(cost.has_value());
  EXPECT_NEAR(*cost,
              (500 * deepseek->input + 1500 * *deepseek->cached_input +
               300 * deepseek->output) /
                  1e6,
              1e-15);
  const ModelPrice* sonnet = table.Find("anthropic", "claude-sonnet-4-5");
  ASSERT_NE(sonnet, nullptr);
  EXPECT_TRUE(sonnet->cache_write.has_value());
}

}  // namespace
}  // namespace literllm
