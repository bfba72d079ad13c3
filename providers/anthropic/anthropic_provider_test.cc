#include "providers/anthropic/anthropic_provider.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

constexpr char kKey[] = "sk-ant-api03-test-key-123456";

AnthropicProvider TestProvider() {
  return AnthropicProvider({"anthropic", kKey, "https://api.anthropic.com"},
                           [] { return int64_t{1741570283}; });
}

v1::ChatCompletionRequest HelloRequest() {
  v1::ChatCompletionRequest request;
  v1::Message& message = *request.add_messages();
  message.set_role("user");
  message.set_content("Hello!");
  return request;
}

TEST(AnthropicProviderTest, ChatRequestTargetsMessagesWithKeyAndVersion) {
  absl::StatusOr<HttpRequest> http = TestProvider().BuildChatRequest(
      HelloRequest(), "claude-sonnet-4-5", true);
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->url, "https://api.anthropic.com/v1/messages");
  EXPECT_THAT(http->headers,
              ElementsAre(Pair("x-api-key", kKey),
                          Pair("anthropic-version", "2023-06-01"),
                          Pair("content-type", "application/json")));
  EXPECT_TRUE(absl::EndsWith(http->body, R"("stream":true})")) << http->body;
}

TEST(AnthropicProviderTest, RequestErrorsNameTheProvider) {
  v1::ChatCompletionRequest request = HelloRequest();
  request.set_temperature(2);
  absl::StatusOr<HttpRequest> http =
      TestProvider().BuildChatRequest(request, "claude-sonnet-4-5", false);
  EXPECT_EQ(http.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(http.status().message(),
            "anthropic: temperature: must be between 0 and 1 for anthropic, "
            "got 2");
}

TEST(AnthropicProviderTest, ResponsesAndChunksCarryTheClocksTime) {
  AnthropicProvider provider = TestProvider();
  absl::StatusOr<v1::ChatCompletionResponse> response =
      provider.ParseChatResponse(ReadGolden("responses/text.upstream.json"));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->created(), 1741570283);

  std::unique_ptr<StreamDecoder> decoder = provider.NewStreamDecoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(
      decoder
          ->Decode({"message_start",
                    R"({"type":"message_start","message":{"id":"m"}})", ""},
                   chunks)
          .ok());
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].created(), 1741570283);
}

TEST(AnthropicProviderTest, DefaultClockIsNow) {
  AnthropicProvider provider({"anthropic", kKey, "https://x.test"});
  int64_t before = absl::ToUnixSeconds(absl::Now());
  absl::StatusOr<v1::ChatCompletionResponse> response =
      provider.ParseChatResponse(ReadGolden("responses/text.upstream.json"));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_GE(response->created(), before);
  EXPECT_LE(response->created(), absl::ToUnixSeconds(absl::Now()));
}

TEST(AnthropicProviderTest, ListModelsRequestIsAGetWithKeyAndVersion) {
  absl::StatusOr<HttpRequest> http = TestProvider().BuildListModelsRequest();
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->url, "https://api.anthropic.com/v1/models?limit=1000");
  EXPECT_EQ(http->body, "");
  EXPECT_THAT(http->headers,
              ElementsAre(Pair("x-api-key", kKey),
                          Pair("anthropic-version", "2023-06-01")));
}

TEST(AnthropicProviderTest, ParsesModelList) {
  absl::StatusOr<std::vector<v1::Model>> models =
      TestProvider().ParseListModels(ReadGolden("responses/models.json"));
  ASSERT_TRUE(models.ok()) << models.status();
  ASSERT_EQ(models->size(), 2u);
  const v1::Model& first = (*models)[0];
  EXPECT_EQ(first.id(), "anthropic/claude-sonnet-4-5-20250929");
  EXPECT_EQ(first.object(), "model");
  EXPECT_EQ(first.created(), 1759104000);
  EXPECT_EQ(first.owned_by(), "anthropic");
  EXPECT_EQ(first.provider(), "anthropic");
  EXPECT_EQ((*models)[1].id(), "anthropic/claude-3-5-haiku-20241022");
  EXPECT_EQ((*models)[1].created(), 1729555200);
}

TEST(AnthropicProviderTest, UnreadableCreatedAtIsZero) {
  absl::StatusOr<std::vector<v1::Model>> models =
      TestProvider().ParseListModels(
          R"({"data":[{"id":"claude-x","created_at":"yesterday"}]})");
  ASSERT_TRUE(models.ok()) << models.status();
  EXPECT_EQ((*models)[0].created(), 0);
}

TEST(AnthropicProviderTest, MalformedModelListIsInternal) {
  for (absl::string_view body :
       {"<html>", R"({"has_more":false})", R"({"data":[{"id":7}]})"}) {
    absl::StatusOr<std::vector<v1::Model>> models =
        TestProvider().ParseListModels(body);
    EXPECT_EQ(models.status().code(), absl::StatusCode::kInternal) << body;
    EXPECT_TRUE(absl::StartsWith(models.status().message(),
                                 "anthropic: could not parse model list: "))
        << models.status();
  }
}

TEST(AnthropicProviderTest, RelaysTheCallersVersionAndBetaHeaders) {
  AnthropicProvider provider = TestProvider();
  absl::StatusOr<HttpRequest> http =
      provider.BuildChatRequest(HelloRequest(), "claude-sonnet-4-5", false);
  ASSERT_TRUE(http.ok()) << http.status();
  provider.AddCallerHeaders({{"anthropic-version", "2023-01-01"},
                             {"anthropic-beta", "prompt-caching-2024-07-31"},
                             {"x-api-key", "the-callers-gateway-key"}},
                            *http);
  EXPECT_THAT(http->headers,
              ElementsAre(Pair("x-api-key", kKey),
                          Pair("anthropic-version", "2023-01-01"),
                          Pair("content-type", "application/json"),
                          Pair("anthropic-beta", "prompt-caching-2024-07-31")));
}

TEST(AnthropicProviderTest, CountsTokensWithTheCountingMembersOnly) {
  v1::ChatCompletionRequest request = HelloRequest();
  request.set_max_tokens(100);
  request.set_temperature(0.5);
  request.add_tools()->mutable_function()->set_name("f");
  request.mutable_thinking()->set_type("enabled");
  request.mutable_thinking()->set_budget_tokens(1024);
  absl::StatusOr<HttpRequest> http =
      TestProvider().token_count()->BuildCountTokensRequest(request,
                                                            "claude-x");
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->url, "https://api.anthropic.com/v1/messages/count_tokens");
  EXPECT_EQ(http->body,
            R"({"model":"claude-x","messages":[{"role":"user","content":)"
            R"([{"type":"text","text":"Hello!"}]}],"thinking":{"type":)"
            R"("enabled","budget_tokens":1024},"tools":[{"name":"f",)"
            R"("input_schema":{"type":"object"}}]})");
  EXPECT_EQ(*TestProvider().ParseCountTokens(R"({"input_tokens":2095})"), 2095);
  EXPECT_EQ(TestProvider().ParseCountTokens("{}").status().code(),
            absl::StatusCode::kInternal);
}

TEST(AnthropicProviderTest, StopSequenceIsKept) {
  absl::StatusOr<v1::ChatCompletionResponse> response =
      TestProvider().ParseChatResponse(
          R"({"id":"m","model":"c","content":[{"type":"text","text":"a"}],)"
          R"("stop_reason":"stop_sequence","stop_sequence":"END"})");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->choices(0).finish_reason(), "stop");
  EXPECT_EQ(response->choices(0).stop_sequence(), "END");
}

}  // namespace
}  // namespace literllm
