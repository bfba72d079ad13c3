#include "providers/gemini/gemini_provider.h"

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

constexpr char kKey[] = "AIzaSy-test-key-0123456789";

GeminiProvider TestProvider() {
  return GeminiProvider(
      {"gemini", kKey, "https://generativelanguage.googleapis.com"},
      [] { return int64_t{1752000000}; });
}

class RequestGoldenTest : public testing::TestWithParam<std::string> {};

// testdata/requests/<case>.request.json holds the ChatCompletionRequest as
// proto3 JSON, <case>.upstream.json the exact body Gemini must receive.
TEST_P(RequestGoldenTest, BuildsTheExpectedBody) {
  v1::ChatCompletionRequest request;
  ProtoFromJson(
      ReadGolden(absl::StrCat("requests/", GetParam(), ".request.json")),
      request);
  absl::string_view model = request.model();
  ASSERT_TRUE(absl::ConsumePrefix(&model, "gemini/"));

  for (bool stream : {false, true}) {
    absl::StatusOr<HttpRequest> http =
        TestProvider().BuildChatRequest(request, model, stream);
    ASSERT_TRUE(http.ok()) << http.status();
    EXPECT_EQ(http->body, MinifyJson(ReadGolden(absl::StrCat(
                              "requests/", GetParam(), ".upstream.json"))))
        << (stream ? "streaming" : "unary");
  }
}

INSTANTIATE_TEST_SUITE_P(
    Gemini, RequestGoldenTest,
    testing::Values("minimal", "sampling", "tool_round_trip",
                    "parallel_tool_results", "same_role_merging", "system_only",
                    "schema_cleaning", "thinking_budget", "thinking_off_pro",
                    "thinking_level", "images", "tool_choice_auto",
                    "tool_choice_required", "tool_choice_none",
                    "tool_choice_named", "json_object", "json_schema"),
    [](const testing::TestParamInfo<std::string>& info) { return info.param; });

v1::ChatCompletionRequest HelloRequest() {
  v1::ChatCompletionRequest request;
  v1::Message& message = *request.add_messages();
  message.set_role("user");
  message.set_content("Hello!");
  return request;
}

TEST(GeminiProviderTest, UnaryRequestTargetsGenerateContentWithKeyHeader) {
  absl::StatusOr<HttpRequest> http = TestProvider().BuildChatRequest(
      HelloRequest(), "gemini-2.5-flash", false);
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->url,
            "https://generativelanguage.googleapis.com/v1beta/models/"
            "gemini-2.5-flash:generateContent");
  EXPECT_THAT(http->headers,
              ElementsAre(Pair("x-goog-api-key", kKey),
                          Pair("Content-Type", "application/json")));
  EXPECT_FALSE(absl::StrContains(http->url, kKey));
}

TEST(GeminiProviderTest, StreamingRequestAsksForSse) {
  absl::StatusOr<HttpRequest> http =
      TestProvider().BuildChatRequest(HelloRequest(), "gemini-2.5-flash", true);
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->url,
            "https://generativelanguage.googleapis.com/v1beta/models/"
            "gemini-2.5-flash:streamGenerateContent?alt=sse");
}

TEST(GeminiProviderTest, ModelResourcePrefixesAreKept) {
  struct Case {
    const char* model;
    const char* path;
  };
  for (const Case& c : {Case{"models/gemini-2.0-flash-001",
                             "/v1beta/models/gemini-2.0-flash-001:"},
                        Case{"tunedModels/my_model-7",
                             "/v1beta/tunedModels/"
                             "my_model-7:"}}) {
    absl::StatusOr<HttpRequest> http =
        TestProvider().BuildChatRequest(HelloRequest(), c.model, false);
    ASSERT_TRUE(http.ok()) << http.status();
    EXPECT_TRUE(absl::StrContains(http->url, c.path)) << http->url;
  }
}

TEST(GeminiProviderTest, ModelNamesThatWouldBreakTheUrlAreRejected) {
  for (const char* model : {"gemini-2.5-flash?key=x", "a/b", "models/",
                            "gemini 2.5", "x#y", "..%2F"}) {
    absl::StatusOr<HttpRequest> http =
        TestProvider().BuildChatRequest(HelloRequest(), model, false);
    EXPECT_EQ(http.status().code(), absl::StatusCode::kInvalidArgument)
        << model;
    EXPECT_TRUE(absl::StartsWith(http.status().message(), "gemini: model: "))
        << http.status();
  }
}

TEST(GeminiProviderTest, CodecErrorsNameTheProvider) {
  v1::ChatCompletionRequest request = HelloRequest();
  v1::Message& tool = *request.add_messages();
  tool.set_role("tool");
  tool.set_tool_call_id("call_x");
  absl::StatusOr<HttpRequest> http =
      TestProvider().BuildChatRequest(request, "gemini-2.5-flash", false);
  EXPECT_EQ(http.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(http.status().message(),
                               "gemini: messages[1].tool_call_id: 'call_x'"))
      << http.status();
}

TEST(GeminiProviderTest, ListModelsRequestIsAGetWithKeyHeader) {
  absl::StatusOr<HttpRequest> http = TestProvider().BuildListModelsRequest();
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->url,
            "https://generativelanguage.googleapis.com/v1beta/models?"
            "pageSize=1000");
  EXPECT_EQ(http->body, "");
  EXPECT_THAT(http->headers, ElementsAre(Pair("x-goog-api-key", kKey)));
}

TEST(GeminiProviderTest, ListsOnlyModelsThatGenerateContent) {
  absl::StatusOr<std::vector<v1::Model>> models =
      TestProvider().ParseListModels(ReadGolden("responses/models.json"));
  ASSERT_TRUE(models.ok()) << models.status();
  std::vector<std::string> ids;
  for (const v1::Model& model : *models) {
    ids.push_back(model.id());
    EXPECT_EQ(model.object(), "model");
    EXPECT_EQ(model.owned_by(), "google");
    EXPECT_EQ(model.provider(), "gemini");
  }
  EXPECT_THAT(ids,
              ElementsAre("gemini/gemini-2.5-flash", "gemini/gemini-2.5-pro",
                          "gemini/gemini-3-pro-preview"));
}

TEST(GeminiProviderTest, MalformedModelListIsInternal) {
  for (absl::string_view body :
       {"<html>", R"({"models":{}})", R"({"models":[{"name":7}]})"}) {
    absl::StatusOr<std::vector<v1::Model>> models =
        TestProvider().ParseListModels(body);
    EXPECT_EQ(models.status().code(), absl::StatusCode::kInternal) << body;
    EXPECT_TRUE(absl::StartsWith(models.status().message(),
                                 "gemini: could not parse model list: "))
        << models.status();
  }
  absl::StatusOr<std::vector<v1::Model>> none =
      TestProvider().ParseListModels("{}");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
}

TEST(GeminiProviderTest, CountsTokensOfTheWholeGenerateContentRequest) {
  v1::ChatCompletionRequest request;
  request.add_messages()->set_role("system");
  request.mutable_messages(0)->set_content("Be terse.");
  request.add_messages()->set_role("user");
  request.mutable_messages(1)->set_content("Hi");
  request.set_top_k(40);
  absl::StatusOr<HttpRequest> http =
      TestProvider().token_count()->BuildCountTokensRequest(request,
                                                            "gemini-2.5-flash");
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->url,
            "https://generativelanguage.googleapis.com/v1beta/models/"
            "gemini-2.5-flash:countTokens");
  EXPECT_TRUE(absl::StartsWith(
      http->body,
      R"({"generateContentRequest":{"model":"models/gemini-2.5-flash",)"))
      << http->body;
  EXPECT_TRUE(absl::StrContains(http->body, R"("topK":40)")) << http->body;
  EXPECT_TRUE(absl::EndsWith(http->body, "}}")) << http->body;
  EXPECT_EQ(*TestProvider().ParseCountTokens(R"({"totalTokens":31})"), 31);
  EXPECT_EQ(TestProvider().ParseCountTokens("[").status().code(),
            absl::StatusCode::kInternal);
}

TEST(GeminiProviderTest, AnExplicitThinkingBudgetIsSentAsGiven) {
  v1::ChatCompletionRequest request;
  request.add_messages()->set_role("user");
  request.mutable_messages(0)->set_content("Hi");
  request.mutable_thinking()->set_type("enabled");
  request.mutable_thinking()->set_budget_tokens(2048);
  absl::StatusOr<HttpRequest> http =
      TestProvider().BuildChatRequest(request, "gemini-2.5-flash", false);
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_TRUE(absl::StrContains(
      http->body,
      R"("thinkingConfig":{"thinkingBudget":2048,"includeThoughts":true})"))
      << http->body;
}

}  // namespace
}  // namespace literllm
