// estimated_cost_usd through the real server: from the embedded price table
// and from config overrides, for responses and the final chunk of streams,
// with cached, cache-write and reasoning tokens; none for unknown models.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "providers/pricing/price_table.h"
#include "tests/integration/anthropic_fixtures.h"
#include "tests/integration/gateway_fixture.h"

namespace literllm::testing {
namespace {

using ::testing::DoubleNear;

constexpr char kConfig[] = R"(
providers:
  my-llm:
    base_url: {URL}/my/v1
prices:
  openai/gpt-4o: {input: 2.5, output: 10, cached_input: 1.25}
  my-llm/tiny: {input: 1, output: 2}
)";

// OpenAI's and Anthropic's answers, by path.
void Answer(const RecordedRequest& request, ResponseWriter& writer) {
  if (absl::StartsWith(request.path, "/anthropic/")) {
    writer.SendJson(200, AnthropicMessage("Bonjour"));
  } else {
    writer.SendJson(200, OpenAiCompletion("Hello!"));
  }
}

class CostTest : public ProviderTest {
 protected:
  CostTest()
      : ProviderTest(
            Answer,
            [](const std::string& url) {
              return ServerProcess::Env{
                  {"OPENAI_API_KEY", kTestKey},
                  {"OPENAI_BASE_URL", url + "/openai/v1"},
                  {"ANTHROPIC_API_KEY", kAnthropicKey},
                  {"ANTHROPIC_BASE_URL", url + "/anthropic"}};
            },
            kTestKey, ConfigArgs(kConfig)) {}

  v1::ChatCompletionResponse ChatWith(const std::string& model) {
    v1::ChatCompletionResponse response;
    grpc::Status status =
        Chat(absl::StrCat(R"({"model":")", model,
                          R"(","messages":[{"role":"user","content":"Hi"}]})"),
             &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // The embedded price of an Anthropic model, which the test must not copy.
  static const ModelPrice& AnthropicPrice(const std::string& model) {
    static const PriceTable* const kTable =
        new PriceTable(PriceTable::Embedded());
    const ModelPrice* price = kTable->Find("anthropic", model);
    EXPECT_NE(price, nullptr) << model;
    static const ModelPrice kNone;
    return price != nullptr ? *price : kNone;
  }
};

TEST_F(CostTest, ResponseCostUsesTheOverrideForADatedModelAndCachedTokens) {
  // gpt-4o-2024-08-06 answered: 12 prompt tokens of which 4 cached, 5
  // completion tokens of which 2 reasoning (billed as output).
  v1::ChatCompletionResponse response = ChatWith("openai/gpt-4o");
  ASSERT_TRUE(response.has_estimated_cost_usd());
  EXPECT_THAT(response.estimated_cost_usd(),
              DoubleNear((8 * 2.5 + 4 * 1.25 + 5 * 10) / 1e6, 1e-15));
}

TEST_F(CostTest, AnthropicCostPricesCacheReadsAndWritesFromTheEmbeddedTable) {
  // claude-sonnet-4-5-20250929: 10 input, 4 cache reads, 2 cache writes, 5 out.
  v1::ChatCompletionResponse response = ChatWith("anthropic/claude-sonnet-4-5");
  EXPECT_EQ(response.usage().prompt_tokens_details().cache_creation_tokens(),
            2);
  const ModelPrice& price = AnthropicPrice("claude-sonnet-4-5");
  ASSERT_TRUE(price.cached_input.has_value());
  ASSERT_TRUE(price.cache_write.has_value());
  double expected = (10 * price.input + 4 * *price.cached_input +
                     2 * *price.cache_write + 5 * price.output) /
                    1e6;
  ASSERT_TRUE(response.has_estimated_cost_usd());
  EXPECT_THAT(response.estimated_cost_usd(), DoubleNear(expected, 1e-15));
  EXPECT_GT(response.estimated_cost_usd(), 0);
}

TEST_F(CostTest, UnknownModelsGetNoCostButConfiguredOnesDo) {
  EXPECT_FALSE(ChatWith("my-llm/other").has_estimated_cost_usd());
  v1::ChatCompletionResponse tiny = ChatWith("my-llm/tiny");
  ASSERT_TRUE(tiny.has_estimated_cost_usd());
  EXPECT_THAT(tiny.estimated_cost_usd(),
              DoubleNear((12 * 1 + 5 * 2) / 1e6, 1e-15));
}

TEST_F(CostTest, StreamsCarryTheCostOnTheFinalChunkOnly) {
  upstream_.set_handler(SseHandler(TextStream({"Hel", "lo"})));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(
      R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hi"}]})",
      &chunks);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GE(chunks.size(), 2u);
  for (size_t i = 0; i + 1 < chunks.size(); ++i) {
    EXPECT_FALSE(chunks[i].has_estimated_cost_usd()) << i;
  }
  const v1::ChatCompletionChunk& last = chunks.back();
  EXPECT_EQ(last.usage().prompt_tokens(), 9);
  ASSERT_TRUE(last.has_estimated_cost_usd());
  EXPECT_THAT(last.estimated_cost_usd(),
              DoubleNear((9 * 2.5 + 3 * 10) / 1e6, 1e-15));
}

TEST_F(CostTest, AnthropicStreamsAreNeverRecordedAsFree) {
  upstream_.set_handler(SseHandler(AnthropicTextStream({"Bon", "jour"})));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(
      R"({"model":"anthropic/claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]})",
      &chunks);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::ChatCompletionChunk& last = chunks.back();
  EXPECT_EQ(last.usage().prompt_tokens(), 125);
  EXPECT_EQ(last.usage().completion_tokens(), 42);
  const ModelPrice& price = AnthropicPrice("claude-sonnet-4-5");
  ASSERT_TRUE(price.cached_input.has_value());
  ASSERT_TRUE(last.has_estimated_cost_usd());
  EXPECT_THAT(last.estimated_cost_usd(),
              DoubleNear((25 * price.input + 100 * *price.cached_input +
                          42 * price.output) /
                             1e6,
                         1e-15));
}

}  // namespace
}  // namespace literllm::testing
