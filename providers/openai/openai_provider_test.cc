#include "providers/openai/openai_provider.h"

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

OpenAiProvider TestProvider(std::string api_key = "sk-test-key-123456") {
  return OpenAiProvider(
      {"openai", std::move(api_key), "https://api.openai.com/v1"});
}

struct RequestCase {
  std::string name;
  bool stream;
};

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const RequestCase& c, std::ostream* os) { *os << c.name; }

class RequestGoldenTest : public testing::TestWithParam<RequestCase> {};

// testdata/requests/<case>.request.json holds the ChatCompletionRequest as
// proto3 JSON, <case>.upstream.json the exact body OpenAI must receive.
TEST_P(RequestGoldenTest, BuildsTheExpectedBody) {
  const RequestCase& c = GetParam();
  v1::ChatCompletionRequest request;
  ProtoFromJson(ReadGolden(absl::StrCat("requests/", c.name, ".request.json")),
                request);
  absl::string_view model = request.model();
  ASSERT_TRUE(absl::ConsumePrefix(&model, "openai/"));

  absl::StatusOr<HttpRequest> http =
      TestProvider().BuildChatRequest(request, model, c.stream);

  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->body, MinifyJson(ReadGolden(absl::StrCat("requests/", c.name,
                                                           ".upstream.json"))));
}

INSTANTIATE_TEST_SUITE_P(
    Golden, RequestGoldenTest,
    testing::Values(
        RequestCase{"minimal", false}, RequestCase{"sampling", false},
        RequestCase{"tool_round_trip", false}, RequestCase{"multimodal", false},
        RequestCase{"json_object", false}, RequestCase{"json_schema", false},
        RequestCase{"tools_auto", false},
        RequestCase{"tool_choice_named", false}, RequestCase{"stream", true}),
    [](const testing::TestParamInfo<RequestCase>& info) {
      return info.param.name;
    });

v1::ChatCompletionRequest HelloRequest() {
  v1::ChatCompletionRequest request;
  v1::Message& message = *request.add_messages();
  message.set_role("user");
  message.set_content("Hello!");
  return request;
}

TEST(OpenAiProviderTest, ChatRequestTargetsChatCompletionsWithBearerKey) {
  absl::StatusOr<HttpRequest> http =
      TestProvider().BuildChatRequest(HelloRequest(), "gpt-4o", false);
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->url, "https://api.openai.com/v1/chat/completions");
  EXPECT_THAT(http->headers,
              ElementsAre(Pair("Authorization", "Bearer sk-test-key-123456"),
                          Pair("Content-Type", "application/json")));
}

TEST(OpenAiProviderTest, NoAuthorizationWithoutKey) {
  OpenAiProvider local({"ollama", "", "http://localhost:11434/v1"});
  absl::StatusOr<HttpRequest> http =
      local.BuildChatRequest(HelloRequest(), "llama3.2", false);
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->url, "http://localhost:11434/v1/chat/completions");
  EXPECT_THAT(http->headers,
              ElementsAre(Pair("Content-Type", "application/json")));
}

TEST(OpenAiProviderTest, UnsetToolChoiceValueIsNotSent) {
  v1::ChatCompletionRequest request = HelloRequest();
  request.mutable_tool_choice();  // present, but no kind
  absl::StatusOr<HttpRequest> http =
      TestProvider().BuildChatRequest(request, "gpt-4o", false);
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(
      http->body,
      R"({"model":"gpt-4o","messages":[{"role":"user","content":"Hello!"}]})");
}

TEST(OpenAiProviderTest, UnsupportedContentPartIsInvalidArgument) {
  v1::ChatCompletionRequest request;
  v1::Message& message = *request.add_messages();
  message.set_role("user");
  message.add_content_parts()->set_type("input_audio");
  absl::StatusOr<HttpRequest> http =
      TestProvider().BuildChatRequest(request, "gpt-4o", false);
  EXPECT_EQ(http.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(http.status().message(),
            "openai: unsupported content part type \"input_audio\"");
}

TEST(OpenAiProviderTest, ListModelsRequestIsAGetWithKey) {
  absl::StatusOr<HttpRequest> http = TestProvider().BuildListModelsRequest();
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->url, "https://api.openai.com/v1/models");
  EXPECT_EQ(http->body, "");
  EXPECT_THAT(http->headers,
              ElementsAre(Pair("Authorization", "Bearer sk-test-key-123456")));
}

TEST(OpenAiProviderTest, ParsesModelList) {
  absl::StatusOr<std::vector<v1::Model>> models =
      TestProvider().ParseListModels(ReadGolden("responses/models.json"));
  ASSERT_TRUE(models.ok()) << models.status();
  ASSERT_EQ(models->size(), 2u);
  const v1::Model& first = (*models)[0];
  EXPECT_EQ(first.id(), "openai/gpt-4o");
  EXPECT_EQ(first.object(), "model");
  EXPECT_EQ(first.created(), 1715367049);
  EXPECT_EQ(first.owned_by(), "system");
  EXPECT_EQ(first.provider(), "openai");
  EXPECT_EQ((*models)[1].id(), "openai/ft:gpt-4o-mini-2024-07-18:acme::9abc");
  EXPECT_EQ((*models)[1].owned_by(), "acme-org");
}

TEST(OpenAiProviderTest, MalformedModelListIsInternal) {
  for (absl::string_view body :
       {"<html>", R"({"object":"list"})", R"({"data":[{"id":7}]})"}) {
    absl::StatusOr<std::vector<v1::Model>> models =
        TestProvider().ParseListModels(body);
    EXPECT_EQ(models.status().code(), absl::StatusCode::kInternal) << body;
    EXPECT_TRUE(absl::StartsWith(models.status().message(),
                                 "openai: could not parse model list: "))
        << models.status();
  }
}

}  // namespace
}  // namespace literllm
