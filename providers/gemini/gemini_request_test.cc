#include "providers/gemini/gemini_request.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "providers/gemini/gemini_conversation.h"
#include "providers/gemini/gemini_generation_config.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

v1::ChatCompletionRequest Request(absl::string_view json) {
  v1::ChatCompletionRequest request;
  ProtoFromJson(json, request);
  return request;
}

// The body for `request_json` to `model`, or the error's message.
std::string BodyOrError(absl::string_view request_json,
                        absl::string_view model = "gemini-2.5-flash") {
  absl::StatusOr<std::string> body =
      WriteGeminiBody(Request(request_json), model);
  if (body.ok()) return *body;
  EXPECT_EQ(body.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(body.status().message());
}

TEST(GeminiRequestTest, RejectsWhatGeminiCannotCarry) {
  struct Case {
    const char* request;
    const char* error;
  };
  for (
      const Case& c : {
          Case{R"({"messages":[{"role":"user","content":"q"},
                {"role":"assistant","tool_calls":[{"id":"c1","function":
                {"name":"f","arguments":"{\"a\":"}}]}]})",
               "messages[1].tool_calls[0].function.arguments: must be a JSON "
               "object: invalid JSON"},
          Case{R"({"messages":[{"role":"assistant","tool_calls":[{"id":"c1",
                "function":{"name":"f","arguments":"[1,2]"}}]}]})",
               "messages[0].tool_calls[0].function.arguments: must be a JSON "
               "object: expected a JSON object"},
          Case{R"({"messages":[{"role":"user","content":"q"},
                {"role":"assistant","tool_calls":[{"id":"c1","function":
                {"name":"f","arguments":"{}"}}]},
                {"role":"tool","tool_call_id":"c2","content":"r"}]})",
               "messages[2].tool_call_id: 'c2' matches no earlier assistant "
               "tool call (Gemini needs the function's name)"},
          Case{
              R"({"messages":[{"role":"tool","tool_call_id":"c1","content":"r"},
                {"role":"assistant","tool_calls":[{"id":"c1","function":
                {"name":"f","arguments":"{}"}}]}]})",
              "messages[0].tool_call_id: 'c1' matches no earlier"},
          Case{R"({"messages":[{"role":"system","content_parts":[
                {"type":"image_url","image_url":{"url":"https://x.test/a.png"}}]}]})",
               "messages[0]: system messages carry text only"},
          Case{R"({"messages":[{"role":"user","content_parts":[
                {"type":"image_url","image_url":{"url":"data:image/png,abc"}}]}]})",
               "messages[0].content_parts[0]: an image data: URI must be "
               "data:<mime>;base64,<data>"},
          Case{R"({"messages":[{"role":"user","content_parts":[
                {"type":"image_url","image_url":{"url":"data:;base64,abc"}}]}]})",
               "messages[0].content_parts[0]: an image data: URI must be"},
          Case{R"({"messages":[{"role":"user","content_parts":[
                {"type":"input_audio"}]}]})",
               "messages[0].content_parts[0]: unsupported type 'input_audio'"},
          Case{R"({"messages":[{"role":"robot","content":"beep"}]})",
               "messages[0].role: unknown role 'robot'"},
          Case{R"({"messages":[{"role":"user","content":"q"}],
                "stop":["1","2","3","4","5","6"]})",
               "stop: Gemini accepts at most 5 stop sequences"},
          Case{R"({"messages":[{"role":"user","content":"q"}],"tools":[
                {"function":{"name":"a"}},{"function":{"name":"b",
                "parameters":{"type":"array","items":{}}}}]})",
               "tools[1].function.parameters: Gemini needs an object schema"},
          Case{R"({"messages":[{"role":"user","content":"q"}],"tools":[
                {"function":{"name":"a"}}],"tool_choice":"sometimes"})",
               "tool_choice: use none, auto, required or a named function"},
      }) {
    EXPECT_TRUE(absl::StartsWith(BodyOrError(c.request), c.error))
        << BodyOrError(c.request) << "\nfor " << c.request;
  }
}

TEST(GeminiRequestTest, FiveStopSequencesAreSent) {
  EXPECT_TRUE(absl::StrContains(
      BodyOrError(R"({"messages":[{"role":"user","content":"q"}],
                  "stop":["1","2","3","4","5"]})"),
      R"("stopSequences":["1","2","3","4","5"])"));
}

TEST(GeminiRequestTest, TextResponseFormatAndUnsetToolChoiceSendNothing) {
  EXPECT_EQ(BodyOrError(R"({"messages":[{"role":"user","content":"q"}],
                        "response_format":{"type":"text"},"tool_choice":null})"),
            R"({"contents":[{"role":"user","parts":[{"text":"q"}]}]})");
}

TEST(GeminiRequestTest, ToolChoiceWithoutToolsIsNotSent) {
  EXPECT_EQ(BodyOrError(R"({"messages":[{"role":"user","content":"q"}],
                        "tool_choice":"required"})"),
            R"({"contents":[{"role":"user","parts":[{"text":"q"}]}]})");
}

TEST(GeminiRequestTest, ToolResultWithoutContentIsAnEmptyResult) {
  EXPECT_TRUE(absl::StrContains(
      BodyOrError(R"({"messages":[{"role":"assistant","tool_calls":[{"id":"c",
                  "function":{"name":"f","arguments":" "}}]},
                  {"role":"tool","tool_call_id":"c"}]})"),
      R"({"role":"model","parts":[{"functionCall":{"name":"f","args":{}}}]},)"
      R"({"role":"user","parts":[{"functionResponse":{"name":"f",)"
      R"("response":{"result":""}}}]})"));
}

TEST(GeminiRequestTest, ThinkingConfigFollowsEffortAndModelFamily) {
  struct Case {
    const char* model;
    const char* effort;
    const char* config;
  };
  for (const Case& c : {
           Case{"gemini-2.5-flash", "none", R"({"thinkingBudget":0})"},
           Case{"gemini-2.5-flash-lite", "none", R"({"thinkingBudget":0})"},
           Case{"gemini-2.5-pro", "none", R"({"thinkingBudget":128})"},
           Case{"gemini-2.5-flash", "minimal",
                R"({"thinkingBudget":512,"includeThoughts":true})"},
           Case{"gemini-2.5-flash", "medium",
                R"({"thinkingBudget":2048,"includeThoughts":true})"},
           Case{"gemini-2.5-pro", "high",
                R"({"thinkingBudget":4096,"includeThoughts":true})"},
           Case{"gemini-2.5-flash", "xhigh",
                R"({"thinkingBudget":24576,"includeThoughts":true})"},
           Case{"gemini-3-flash-preview", "none",
                R"({"thinkingLevel":"MINIMAL"})"},
           Case{"gemini-3-pro-preview", "low",
                R"({"thinkingLevel":"LOW","includeThoughts":true})"},
           Case{"gemini-3.1-pro", "medium",
                R"({"thinkingLevel":"MEDIUM","includeThoughts":true})"},
           Case{"gemini-flash-latest", "high",
                R"({"thinkingBudget":4096,"includeThoughts":true})"},
       }) {
    std::string body = BodyOrError(
        absl::StrCat(R"({"messages":[{"role":"user","content":"q"}],)",
                     R"("reasoning_effort":")", c.effort, R"("})"),
        c.model);
    EXPECT_TRUE(absl::StrContains(
        body, absl::StrCat(R"("generationConfig":{"thinkingConfig":)", c.config,
                           "}}")))
        << c.model << " " << c.effort << ": " << body;
  }
}

TEST(GeminiRequestTest, ThinkingLevelFromGeminiThreeOn) {
  EXPECT_TRUE(UsesThinkingLevel("gemini-3-pro-preview"));
  EXPECT_TRUE(UsesThinkingLevel("models/gemini-3.5-flash"));
  EXPECT_TRUE(UsesThinkingLevel("gemini-10-ultra"));
  EXPECT_FALSE(UsesThinkingLevel("gemini-2.5-pro"));
  EXPECT_FALSE(UsesThinkingLevel("gemini-1.5-flash"));
  EXPECT_FALSE(UsesThinkingLevel("gemini-pro-latest"));
  EXPECT_FALSE(UsesThinkingLevel("gemma-3-27b-it"));
  EXPECT_FALSE(UsesThinkingLevel("tunedModels/gemini-3"));
}

TEST(GeminiMimeTypeTest, FromThePathExtension) {
  EXPECT_EQ(GuessMimeType("https://x.test/a/b.PNG"), "image/png");
  EXPECT_EQ(GuessMimeType("https://x.test/b.jpeg?w=1.png"), "image/jpeg");
  EXPECT_EQ(GuessMimeType("gs://bucket/doc.pdf#page=2"), "application/pdf");
  EXPECT_EQ(GuessMimeType("https://x.test/img.webp"), "image/webp");
  EXPECT_EQ(GuessMimeType("https://x.test.png/download"), "");
  EXPECT_EQ(GuessMimeType("https://x.test/file.bin"), "");
  EXPECT_EQ(GuessMimeType("noextension"), "");
}

}  // namespace
}  // namespace literllm
