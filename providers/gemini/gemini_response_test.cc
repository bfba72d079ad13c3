#include "providers/gemini/gemini_response.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "providers/gemini/gemini_candidate.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

constexpr int64_t kCreated = 1752000000;

class ResponseGoldenTest : public testing::TestWithParam<std::string> {};

// testdata/responses/<case>.upstream.json is Gemini's body,
// <case>.expected.json the ChatCompletionResponse as proto3 JSON.
TEST_P(ResponseGoldenTest, ParsesToTheExpectedProto) {
  v1::ChatCompletionResponse expected;
  ProtoFromJson(
      ReadGolden(absl::StrCat("responses/", GetParam(), ".expected.json")),
      expected);

  absl::StatusOr<v1::ChatCompletionResponse> response = ParseGeminiChatResponse(
      "gemini",
      ReadGolden(absl::StrCat("responses/", GetParam(), ".upstream.json")),
      kCreated);

  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_TRUE(ProtoEquals(expected, *response));
}

INSTANTIATE_TEST_SUITE_P(Gemini, ResponseGoldenTest,
                         testing::Values("text", "parallel_function_calls",
                                         "thoughts", "stop_function_call",
                                         "safety", "multiple_candidates"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(ParseGeminiChatResponseTest, BlockedPromptIsInvalidArgumentNamingReason) {
  absl::StatusOr<v1::ChatCompletionResponse> response = ParseGeminiChatResponse(
      "gemini", ReadGolden("responses/blocked_prompt.json"), kCreated);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(response.status().message(),
            "gemini: prompt blocked by Gemini (blockReason: "
            "PROHIBITED_CONTENT)");
}

TEST(ParseGeminiChatResponseTest, BlockReasonMessageIsRelayed) {
  absl::StatusOr<v1::ChatCompletionResponse> response = ParseGeminiChatResponse(
      "gemini",
      R"({"candidates":[],"promptFeedback":{"blockReason":"SAFETY",)"
      R"("blockReasonMessage":"The prompt violates policy."}})",
      kCreated);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(response.status().message(),
            "gemini: prompt blocked by Gemini (blockReason: SAFETY): The "
            "prompt violates policy.");
}

TEST(ParseGeminiChatResponseTest, WrongShapesAreInternal) {
  struct Bad {
    absl::string_view body;
    absl::string_view why;
  };
  for (const Bad& bad : {
           Bad{"", "invalid JSON: "},
           Bad{"<html>", "invalid JSON: "},
           Bad{"[]", "expected an object"},
           Bad{R"({"responseId":"x"})", "no candidates"},
           Bad{R"({"candidates":[],"promptFeedback":{}})", "no candidates"},
           Bad{R"({"candidates":{}})", "member \"candidates\": expected array"},
           Bad{R"({"candidates":[{"content":{"parts":[{"text":5}]}}]})",
               "member \"text\": expected string"},
           Bad{R"({"candidates":[{"content":{"parts":[{"functionCall":)"
               R"({"name":"f","args":"{}"}}]}}]})",
               "member \"args\": expected object"},
           Bad{R"({"candidates":[{"finishReason":"STOP"}],)"
               R"("usageMetadata":{"promptTokenCount":"9"}})",
               "member \"promptTokenCount\": expected integer"},
       }) {
    absl::StatusOr<v1::ChatCompletionResponse> response =
        ParseGeminiChatResponse("gemini", bad.body, kCreated);
    EXPECT_EQ(response.status().code(), absl::StatusCode::kInternal)
        << bad.body;
    EXPECT_TRUE(absl::StartsWith(
        response.status().message(),
        absl::StrCat("gemini: could not parse response: ", bad.why)))
        << response.status();
  }
}

TEST(GeminiFinishReasonTest, MapsEveryGeminiReason) {
  struct Case {
    const char* gemini;
    bool has_calls;
    const char* openai;
  };
  for (const Case& c : {
           Case{"STOP", false, "stop"},
           Case{"STOP", true, "tool_calls"},
           Case{"MAX_TOKENS", false, "length"},
           Case{"MAX_TOKENS", true, "length"},
           Case{"SAFETY", false, "content_filter"},
           Case{"RECITATION", false, "content_filter"},
           Case{"BLOCKLIST", false, "content_filter"},
           Case{"PROHIBITED_CONTENT", false, "content_filter"},
           Case{"SPII", false, "content_filter"},
           Case{"LANGUAGE", false, "content_filter"},
           Case{"IMAGE_SAFETY", false, "content_filter"},
           Case{"IMAGE_PROHIBITED_CONTENT", false, "content_filter"},
           Case{"IMAGE_RECITATION", false, "content_filter"},
           Case{"MALFORMED_FUNCTION_CALL", false, "stop"},
           Case{"UNEXPECTED_TOOL_CALL", true, "stop"},
           Case{"TOO_MANY_TOOL_CALLS", true, "stop"},
           Case{"OTHER", false, "stop"},
           Case{"FINISH_REASON_UNSPECIFIED", false, "stop"},
           Case{"SOMETHING_NEW", false, "stop"},
       }) {
    EXPECT_EQ(OpenAiFinishReason(c.gemini, c.has_calls), c.openai)
        << c.gemini << " " << c.has_calls;
  }
}

TEST(ReadGeminiUsageTest, PromptAndCompletionAlwaysAddUpToTotal) {
  // Gemini's totalTokenCount is not trusted to match its parts.
  absl::StatusOr<v1::ChatCompletionResponse> response = ParseGeminiChatResponse(
      "gemini",
      R"({"candidates":[{"finishReason":"STOP"}],"usageMetadata":)"
      R"({"promptTokenCount":10,"candidatesTokenCount":5,)"
      R"("thoughtsTokenCount":3,"totalTokenCount":99}})",
      kCreated);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->usage().prompt_tokens(), 10);
  EXPECT_EQ(response->usage().completion_tokens(), 8);
  EXPECT_EQ(response->usage().total_tokens(), 18);
  EXPECT_FALSE(response->usage().has_prompt_tokens_details());
}

TEST(GeminiCallIdTest, GeneratedIdsAreStableAndDistinct) {
  GeminiCall call;
  call.name = "get_weather";
  std::string id = GeminiCallId(call, "resp-1", 0, 0);
  EXPECT_EQ(id, GeminiCallId(call, "resp-1", 0, 0));
  EXPECT_TRUE(absl::StartsWith(id, "call_")) << id;
  EXPECT_EQ(id.size(), 21u);
  EXPECT_NE(id, GeminiCallId(call, "resp-2", 0, 0));
  EXPECT_NE(id, GeminiCallId(call, "resp-1", 1, 0));
  EXPECT_NE(id, GeminiCallId(call, "resp-1", 0, 1));
  call.id = "gemini-own-id";
  EXPECT_EQ(GeminiCallId(call, "resp-1", 0, 0), "gemini-own-id");
}

}  // namespace
}  // namespace literllm
