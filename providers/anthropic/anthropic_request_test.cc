#include "providers/anthropic/anthropic_request.h"

#include <ostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

struct RequestCase {
  std::string name;
  bool stream;
};

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const RequestCase& c, std::ostream* os) { *os << c.name; }

class RequestGoldenTest : public testing::TestWithParam<RequestCase> {};

// testdata/requests/<case>.request.json holds the ChatCompletionRequest as
// proto3 JSON, <case>.upstream.json the exact body Anthropic must receive.
TEST_P(RequestGoldenTest, BuildsTheExpectedBody) {
  const RequestCase& c = GetParam();
  v1::ChatCompletionRequest request;
  ProtoFromJson(ReadGolden(absl::StrCat("requests/", c.name, ".request.json")),
                request);
  absl::string_view model = request.model();
  ASSERT_TRUE(absl::ConsumePrefix(&model, "anthropic/"));

  absl::StatusOr<std::string> body =
      WriteAnthropicChatBody(request, model, c.stream);

  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(*body, MinifyJson(ReadGolden(
                       absl::StrCat("requests/", c.name, ".upstream.json"))));
}

INSTANTIATE_TEST_SUITE_P(
    AnthropicGolden, RequestGoldenTest,
    testing::Values(
        RequestCase{"minimal", false}, RequestCase{"sampling", false},
        RequestCase{"system_hoisting", false},
        RequestCase{"tool_round_trip", false}, RequestCase{"thinking", false},
        RequestCase{"images", false},
        RequestCase{"tool_choice_required", false},
        RequestCase{"tool_choice_named", false},
        RequestCase{"tool_choice_none", false},
        RequestCase{"tools_default_choice", false},
        RequestCase{"json_schema", false}, RequestCase{"stream", true},
        RequestCase{"native_passthrough", false}),
    [](const testing::TestParamInfo<RequestCase>& info) {
      return info.param.name;
    });

struct RejectCase {
  std::string name;
  std::string request_json;  // a ChatCompletionRequest, model left out
  std::string message;
};

void PrintTo(const RejectCase& c, std::ostream* os) { *os << c.name; }

class RejectTest : public testing::TestWithParam<RejectCase> {};

TEST_P(RejectTest, IsInvalidArgumentNamingTheField) {
  v1::ChatCompletionRequest request;
  ProtoFromJson(GetParam().request_json, request);
  absl::StatusOr<std::string> body =
      WriteAnthropicChatBody(request, "claude-sonnet-4-5", false);
  EXPECT_EQ(body.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(body.status().message(), GetParam().message);
}

constexpr char kHi[] = R"("messages":[{"role":"user","content":"Hi"}])";
constexpr char kTool[] =
    R"("tools":[{"type":"function","function":{"name":"f"}}])";

INSTANTIATE_TEST_SUITE_P(
    AnthropicUnsupported, RejectTest,
    testing::Values(
        RejectCase{"TemperatureAboveOne",
                   absl::StrCat("{", kHi, R"(,"temperature":1.5})"),
                   "temperature: must be between 0 and 1 for anthropic, got "
                   "1.5"},
        RejectCase{"NAboveOne", absl::StrCat("{", kHi, R"(,"n":2})"),
                   "n: anthropic returns one choice; n must be 1"},
        RejectCase{
            "JsonObject",
            absl::StrCat("{", kHi,
                         R"(,"response_format":{"type":"json_object"}})"),
            "response_format.type: anthropic has no JSON mode without "
            "a schema; use json_schema"},
        RejectCase{"ForcedToolWithoutTools",
                   absl::StrCat("{", kHi, R"(,"tool_choice":"required"})"),
                   "tool_choice: forces a tool call but no tools are given"},
        RejectCase{
            "ThinkingWithTemperature",
            absl::StrCat("{", kHi,
                         R"(,"reasoning_effort":"low","temperature":0.2})"),
            "temperature: anthropic allows only 1 with "
            "reasoning_effort (extended thinking), got 0.2"},
        RejectCase{"ThinkingWithLowTopP",
                   absl::StrCat("{", kHi,
                                R"(,"reasoning_effort":"medium","top_p":0.5})"),
                   "top_p: anthropic allows only 0.95 to 1 with "
                   "reasoning_effort (extended thinking), got 0.5"},
        RejectCase{"ThinkingWithForcedTool",
                   absl::StrCat("{", kHi, ",", kTool,
                                R"(,"reasoning_effort":"high",)"
                                R"("tool_choice":{"type":"function",)"
                                R"("function":{"name":"f"}}})"),
                   "tool_choice: anthropic cannot force tool use with "
                   "reasoning_effort (extended thinking); use auto or none"},
        RejectCase{
            "InvalidArguments",
            R"({"messages":[{"role":"assistant","tool_calls":[{"id":"t",)"
            R"("function":{"name":"f","arguments":"{\"a\":"}}]}]})",
            "messages[0].tool_calls[0].function.arguments: must be a "
            "JSON object (invalid JSON: The JSON document has an "
            "improper structure: missing or superfluous commas, braces, "
            "missing keys, etc.)"},
        RejectCase{"ArgumentsNotAnObject",
                   R"({"messages":[{"role":"user","content":"x"},)"
                   R"({"role":"assistant","tool_calls":[{"id":"a","function":)"
                   R"({"name":"f","arguments":"{}"}},{"id":"b","function":)"
                   R"({"name":"f","arguments":"[1]"}}]}]})",
                   "messages[1].tool_calls[1].function.arguments: must be a "
                   "JSON object"},
        RejectCase{"OnlySystemMessages",
                   R"({"messages":[{"role":"system","content":"Be kind."},)"
                   R"({"role":"user","content":""}]})",
                   "messages: anthropic needs at least one user, assistant or "
                   "tool message with content"},
        RejectCase{
            "ImageInSystem",
            R"({"messages":[{"role":"system","content_parts":[{"type":)"
            R"("image_url","image_url":{"url":"https://x.test/a.png"}}]},)"
            R"({"role":"user","content":"Hi"}]})",
            "messages[0].content_parts[0]: anthropic accepts images "
            "only from users and tools, not in system messages"},
        RejectCase{"ImageInMidConversationSystem",
                   R"({"messages":[{"role":"user","content":"Hi"},)"
                   R"({"role":"system","content_parts":[{"type":"image_url",)"
                   R"("image_url":{"url":"https://x.test/a.png"}}]}]})",
                   "messages[1].content_parts[0]: anthropic accepts only text "
                   "in system messages"},
        RejectCase{
            "ImageInAssistant",
            R"({"messages":[{"role":"assistant","content_parts":[{"type":)"
            R"("image_url","image_url":{"url":"https://x.test/a.png"}}]}]})",
            "messages[0].content_parts[0]: anthropic accepts images only "
            "from users and tools, not in assistant messages"},
        RejectCase{
            "FtpImage",
            R"({"messages":[{"role":"user","content_parts":[{"type":)"
            R"("image_url","image_url":{"url":"ftp://x.test/a.png"}}]}]})",
            "messages[0].content_parts[0].image_url.url: use an https "
            "URL or a base64 data: URI"},
        RejectCase{
            "DataUriNotBase64",
            R"({"messages":[{"role":"user","content_parts":[{"type":)"
            R"("image_url","image_url":{"url":"data:text/plain,hi"}}]}]})",
            "messages[0].content_parts[0].image_url.url: data: URIs "
            "must be base64 (data:<type>;base64,...)"},
        RejectCase{
            "DataUriWithoutType",
            R"({"messages":[{"role":"user","content_parts":[{"type":)"
            R"("image_url","image_url":{"url":"data:;base64,AAAA"}}]}]})",
            "messages[0].content_parts[0].image_url.url: data: URI has "
            "no media type"},
        RejectCase{
            "UnknownThinkingBlockType",
            R"({"messages":[{"role":"assistant","content":"x",)"
            R"("thinking_blocks":[{"type":"reasoning","signature":"s"}]}]})",
            "messages[0].thinking_blocks[0].type: unknown thinking "
            "block type \"reasoning\"; use thinking or "
            "redacted_thinking"}),
    [](const testing::TestParamInfo<RejectCase>& info) {
      return info.param.name;
    });

TEST(WriteAnthropicChatBodyTest, ThinkingAllowsAutoAndNoneToolChoice) {
  for (absl::string_view choice : {"auto", "none"}) {
    v1::ChatCompletionRequest request;
    ProtoFromJson(absl::StrCat("{", kHi, ",", kTool,
                               R"(,"reasoning_effort":"low","tool_choice":")",
                               choice, R"("})"),
                  request);
    absl::StatusOr<std::string> body =
        WriteAnthropicChatBody(request, "claude-sonnet-4-5", false);
    EXPECT_TRUE(body.ok()) << choice << ": " << body.status();
  }
}

TEST(WriteAnthropicChatBodyTest, NoneEffortSendsNoThinking) {
  v1::ChatCompletionRequest request;
  ProtoFromJson(
      absl::StrCat("{", kHi, R"(,"reasoning_effort":"none","temperature":0})"),
      request);
  absl::StatusOr<std::string> body =
      WriteAnthropicChatBody(request, "claude-sonnet-4-5", false);
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(*body,
            R"({"model":"claude-sonnet-4-5","max_tokens":4096,"messages":)"
            R"([{"role":"user","content":[{"type":"text","text":"Hi"}]}],)"
            R"("temperature":0})");
}

}  // namespace
}  // namespace literllm
