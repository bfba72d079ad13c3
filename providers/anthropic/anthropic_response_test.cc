#include "providers/anthropic/anthropic_response.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "providers/json/json_reader.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

constexpr int64_t kCreated = 1741570283;

class ResponseGoldenTest : public testing::TestWithParam<std::string> {};

// testdata/responses/<case>.upstream.json is Anthropic's body,
// <case>.expected.json the ChatCompletionResponse as proto3 JSON.
TEST_P(ResponseGoldenTest, ParsesToTheExpectedProto) {
  const std::string& name = GetParam();
  v1::ChatCompletionResponse expected;
  ProtoFromJson(ReadGolden(absl::StrCat("responses/", name, ".expected.json")),
                expected);

  absl::StatusOr<v1::ChatCompletionResponse> response =
      ParseAnthropicChatResponse(
          "anthropic",
          ReadGolden(absl::StrCat("responses/", name, ".upstream.json")),
          kCreated);

  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_TRUE(ProtoEquals(expected, *response));
}

INSTANTIATE_TEST_SUITE_P(AnthropicGolden, ResponseGoldenTest,
                         testing::Values("text", "parallel_tool_use",
                                         "thinking", "refusal", "max_tokens",
                                         "cache_usage", "server_tools"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(AnthropicFinishReasonTest, MapsEveryStopReason) {
  EXPECT_EQ(AnthropicFinishReason("end_turn"), "stop");
  EXPECT_EQ(AnthropicFinishReason("stop_sequence"), "stop");
  EXPECT_EQ(AnthropicFinishReason("pause_turn"), "stop");
  EXPECT_EQ(AnthropicFinishReason("max_tokens"), "length");
  EXPECT_EQ(AnthropicFinishReason("model_context_window_exceeded"), "length");
  EXPECT_EQ(AnthropicFinishReason("tool_use"), "tool_calls");
  EXPECT_EQ(AnthropicFinishReason("refusal"), "content_filter");
  EXPECT_EQ(AnthropicFinishReason("something_new"), "stop");
}

TEST(ParseAnthropicChatResponseTest, OnlyToolUseLeavesContentUnset) {
  absl::StatusOr<v1::ChatCompletionResponse> response =
      ParseAnthropicChatResponse(
          "anthropic",
          R"({"id":"m","content":[{"type":"tool_use","id":"t","name":"f",)"
          R"("input":{"a":1}}],"stop_reason":"tool_use"})",
          kCreated);
  ASSERT_TRUE(response.ok()) << response.status();
  const v1::Message& message = response->choices(0).message();
  EXPECT_FALSE(message.has_content());
  EXPECT_FALSE(message.has_reasoning_content());
  EXPECT_EQ(message.tool_calls(0).function().arguments(), R"({"a":1})");
  EXPECT_FALSE(response->has_usage());
}

TEST(ParseAnthropicChatResponseTest, WrongShapesAreInternal) {
  struct Bad {
    absl::string_view body;
    absl::string_view why;
  };
  for (const Bad& bad : {
           Bad{"", "invalid JSON: "},
           Bad{"<html>", "invalid JSON: "},
           Bad{"[]", "expected an object"},
           Bad{R"({"id":"x"})", "no \"content\" array"},
           Bad{R"({"content":{}})", "member \"content\": expected array"},
           Bad{R"({"content":[1]})", "expected an object"},
           Bad{R"({"content":[{"type":"text","text":5}]})",
               "member \"text\": expected string"},
           Bad{R"({"content":[],"usage":{"input_tokens":"9"}})",
               "member \"input_tokens\": expected integer"},
           Bad{R"({"content":[{"type":"tool_use","input":[]}]})",
               "member \"input\": expected object"},
       }) {
    absl::StatusOr<v1::ChatCompletionResponse> response =
        ParseAnthropicChatResponse("anthropic", bad.body, kCreated);
    EXPECT_EQ(response.status().code(), absl::StatusCode::kInternal)
        << bad.body;
    EXPECT_TRUE(absl::StartsWith(
        response.status().message(),
        absl::StrCat("anthropic: could not parse response: ", bad.why)))
        << response.status();
  }
}

TEST(AnthropicUsageTest, LaterCountsReplaceOnlyWhatTheyCarry) {
  AnthropicUsage usage;
  absl::StatusOr<simdjson::dom::element> start = ParseJson(
      R"({"input_tokens":10,"cache_read_input_tokens":5,"output_tokens":1})");
  ASSERT_TRUE(start.ok());
  ASSERT_TRUE(usage.Update(*start).ok());
  absl::StatusOr<simdjson::dom::element> delta =
      ParseJson(R"({"output_tokens":40})");
  ASSERT_TRUE(delta.ok());
  ASSERT_TRUE(usage.Update(*delta).ok());
  v1::Usage openai = usage.ToOpenAi();
  EXPECT_EQ(openai.prompt_tokens(), 15);
  EXPECT_EQ(openai.completion_tokens(), 40);
  EXPECT_EQ(openai.total_tokens(), 55);
  EXPECT_EQ(openai.prompt_tokens_details().cached_tokens(), 5);
  EXPECT_EQ(openai.prompt_tokens_details().cache_creation_tokens(), 0);
}

TEST(AnthropicUsageTest, CacheWritesArePromptTokensAndCacheCreation) {
  AnthropicUsage usage;
  usage.input_tokens = 21;
  usage.cache_creation_input_tokens = 188;
  usage.cache_read_input_tokens = 1024;
  usage.output_tokens = 33;
  v1::Usage openai = usage.ToOpenAi();
  EXPECT_EQ(openai.prompt_tokens(), 1233);
  EXPECT_EQ(openai.total_tokens(), 1266);
  EXPECT_EQ(openai.prompt_tokens_details().cached_tokens(), 1024);
  EXPECT_EQ(openai.prompt_tokens_details().cache_creation_tokens(), 188);
}

}  // namespace
}  // namespace literllm
