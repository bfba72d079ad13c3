#include "providers/openai/openai_response.h"

#include <ostream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "providers/openai/openai_provider.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

struct ResponseCase {
  std::string name;
  std::string provider;  // OpenAI-compatible servers reuse the codec
};

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const ResponseCase& c, std::ostream* os) { *os << c.name; }

class ResponseGoldenTest : public testing::TestWithParam<ResponseCase> {};

// testdata/responses/<case>.upstream.json is the provider's body,
// <case>.expected.json the ChatCompletionResponse as proto3 JSON.
TEST_P(ResponseGoldenTest, ParsesToTheExpectedProto) {
  const ResponseCase& c = GetParam();
  OpenAiProvider provider({c.provider, "sk-test", "https://example.test/v1"});
  v1::ChatCompletionResponse expected;
  ProtoFromJson(
      ReadGolden(absl::StrCat("responses/", c.name, ".expected.json")),
      expected);

  absl::StatusOr<v1::ChatCompletionResponse> response =
      provider.ParseChatResponse(
          ReadGolden(absl::StrCat("responses/", c.name, ".upstream.json")));

  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_TRUE(ProtoEquals(expected, *response));
}

INSTANTIATE_TEST_SUITE_P(
    Golden, ResponseGoldenTest,
    testing::Values(ResponseCase{"text", "openai"},
                    ResponseCase{"tool_calls", "openai"},
                    ResponseCase{"refusal", "openai"},
                    ResponseCase{"usage_details", "openai"},
                    ResponseCase{"reasoning_content", "deepseek"},
                    ResponseCase{"mistral_thinking", "mistral"},
                    ResponseCase{"openrouter_cache_write", "openrouter"},
                    ResponseCase{"xai_reasoning_usage", "xai"}),
    [](const testing::TestParamInfo<ResponseCase>& info) {
      return info.param.name;
    });

TEST(ParseOpenAiChatResponseTest, EmptyStringContentIsKept) {
  absl::StatusOr<v1::ChatCompletionResponse> response = ParseOpenAiChatResponse(
      "openai",
      R"({"choices":[{"index":0,"message":{"role":"assistant","content":""},)"
      R"("finish_reason":"length"}]})");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_TRUE(response->choices(0).message().has_content());
  EXPECT_FALSE(response->has_usage());
}

TEST(ParseOpenAiChatResponseTest, ContentPartsAreReadFromAnyProvider) {
  absl::StatusOr<v1::ChatCompletionResponse> response = ParseOpenAiChatResponse(
      "vllm",
      R"({"choices":[)"
      R"({"index":0,"message":{"content":[{"type":"text","text":"Hi"},)"
      R"({"type":"image_url","image_url":{"url":"https://x.test/a.png"}},)"
      R"({"type":"text","text":"!"}]}},)"
      R"({"index":1,"message":{"reasoning_content":"A",)"
      R"("content":[{"type":"thinking","thinking":"B"},)"
      R"({"type":"reference","reference_ids":[1]}]}},)"
      R"({"index":2,"message":{"content":[]}}]})");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->choices(0).message().content(), "Hi!");
  EXPECT_FALSE(response->choices(0).message().has_reasoning_content());
  // Thinking alone leaves content unset, as an answer with no text.
  EXPECT_FALSE(response->choices(1).message().has_content());
  EXPECT_EQ(response->choices(1).message().reasoning_content(), "AB");
  EXPECT_FALSE(response->choices(2).message().has_content());
}

TEST(ParseOpenAiChatResponseTest, ReasoningInsideCompletionIsLeftAlone) {
  for (const char* usage : {
           // OpenAI: reasoning already inside completion_tokens.
           R"({"prompt_tokens":10,"completion_tokens":50,"total_tokens":60,)"
           R"("completion_tokens_details":{"reasoning_tokens":40}})",
           // A gap the reasoning does not fill is not xAI's.
           R"({"prompt_tokens":10,"completion_tokens":50,"total_tokens":70,)"
           R"("completion_tokens_details":{"reasoning_tokens":40}})",
       }) {
    absl::StatusOr<v1::ChatCompletionResponse> response =
        ParseOpenAiChatResponse(
            "openai", absl::StrCat(R"({"choices":[],"usage":)", usage, "}"));
    ASSERT_TRUE(response.ok()) << response.status();
    EXPECT_EQ(response->usage().completion_tokens(), 50) << usage;
  }
}

TEST(ParseOpenAiChatResponseTest, WrongShapesAreInternal) {
  struct Bad {
    absl::string_view body;
    absl::string_view why;
  };
  for (
      const Bad& bad : {
          Bad{"", "invalid JSON: "},
          Bad{"not json", "invalid JSON: "},
          Bad{"[]", "expected an object"},
          Bad{R"({"id":"x"})", "no \"choices\" array"},
          Bad{R"({"choices":{}})", "member \"choices\": expected array"},
          Bad{R"({"choices":[1]})", "expected an object"},
          Bad{R"({"choices":[{"message":{"content":5}}]})",
              "member \"content\": expected string or array"},
          Bad{R"({"choices":[{"message":{"content":[1]}}]})",
              "expected an object"},
          Bad{R"({"choices":[{"message":{"content":[{"type":"text","text":7}]}}]})",
              "member \"text\": expected string"},
          Bad{R"({"choices":[{"message":{"content":[{"type":"thinking",)"
              R"("thinking":7}]}}]})",
              "member \"thinking\": expected string or array"},
          Bad{R"({"choices":[],"usage":{"total_tokens":"9"}})",
              "member \"total_tokens\": expected integer"},
          Bad{R"({"choices":[{"message":{"tool_calls":[{"function":[]}]}}]})",
              "member \"function\": expected object"},
      }) {
    absl::StatusOr<v1::ChatCompletionResponse> response =
        ParseOpenAiChatResponse("openai", bad.body);
    EXPECT_EQ(response.status().code(), absl::StatusCode::kInternal)
        << bad.body;
    EXPECT_TRUE(absl::StartsWith(
        response.status().message(),
        absl::StrCat("openai: could not parse response: ", bad.why)))
        << response.status();
  }
}

}  // namespace
}  // namespace literllm
