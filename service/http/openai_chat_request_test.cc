#include "service/http/openai_chat_request.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::HasSubstr;

TEST(OpenAiChatRequestTest, ReadsEveryMemberTheGatewayUses) {
  absl::StatusOr<v1::ChatCompletionRequest> request = ReadOpenAiChatRequest(R"({
    "model": "openai/gpt-4o",
    "messages": [
      {"role": "system", "content": "Be terse."},
      {"role": "user", "content": [
        {"type": "text", "text": "What is this?"},
        {"type": "image_url", "image_url": {"url": "https://x/y.png", "detail": "low"}}]},
      {"role": "assistant", "content": null, "tool_calls": [
        {"id": "call_1", "type": "function",
         "function": {"name": "lookup", "arguments": "{\"q\":1}"}}]},
      {"role": "tool", "tool_call_id": "call_1", "content": "42"}],
    "temperature": 0.2, "top_p": 0.9, "max_tokens": 100,
    "max_completion_tokens": 120, "n": 1, "stop": "END",
    "presence_penalty": 0.5, "frequency_penalty": -0.5, "seed": 7,
    "reasoning_effort": "low", "parallel_tool_calls": false, "user": "u-1",
    "stream": true, "stream_options": {"include_usage": true},
    "response_format": {"type": "json_schema", "json_schema": {
      "name": "answer", "strict": true,
      "schema": {"type": "object", "properties": {"a": {"type": "number"}}}}},
    "tools": [{"type": "function", "function": {"name": "lookup",
      "description": "Looks up", "parameters": {"type": "object"}}}],
    "tool_choice": {"type": "function", "function": {"name": "lookup"}},
    "metadata": {"team": "search"}, "store": false,
    "fallbacks": ["groq/llama"], "max_retries": 1, "attempt_timeout": "20s"
  })");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->model(), "openai/gpt-4o");
  ASSERT_EQ(request->messages_size(), 4);
  EXPECT_EQ(request->messages(0).content(), "Be terse.");
  ASSERT_EQ(request->messages(1).content_parts_size(), 2);
  EXPECT_FALSE(request->messages(1).has_content());
  EXPECT_EQ(request->messages(1).content_parts(1).image_url().detail(), "low");
  EXPECT_FALSE(request->messages(2).has_content());
  EXPECT_EQ(request->messages(2).tool_calls(0).function().arguments(),
            "{\"q\":1}");
  EXPECT_EQ(request->messages(3).tool_call_id(), "call_1");
  EXPECT_DOUBLE_EQ(request->temperature(), 0.2);
  EXPECT_EQ(request->max_tokens(), 100);
  EXPECT_EQ(request->max_completion_tokens(), 120);
  EXPECT_EQ(request->stop_size(), 1);
  EXPECT_EQ(request->seed(), 7);
  EXPECT_FALSE(request->parallel_tool_calls());
  EXPECT_TRUE(request->stream());
  EXPECT_TRUE(request->stream_options().include_usage());
  EXPECT_EQ(request->response_format().json_schema().name(), "answer");
  EXPECT_TRUE(
      request->response_format().json_schema().schema().fields().contains(
          "properties"));
  EXPECT_EQ(request->tools(0)
                .function()
                .parameters()
                .fields()
                .at("type")
                .string_value(),
            "object");
  EXPECT_TRUE(request->tool_choice().has_struct_value());
  EXPECT_EQ(request->fallbacks(0), "groq/llama");
  EXPECT_EQ(request->max_retries(), 1);
  EXPECT_EQ(request->attempt_timeout().seconds(), 20);
}

TEST(OpenAiChatRequestTest, StopMayBeAListAndToolChoiceAString) {
  absl::StatusOr<v1::ChatCompletionRequest> request = ReadOpenAiChatRequest(
      R"({"model":"m","messages":[],"stop":["a","b"],"tool_choice":"auto"})");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->stop_size(), 2);
  EXPECT_EQ(request->tool_choice().string_value(), "auto");
}

TEST(OpenAiChatRequestTest, BadBodiesNameWhatIsWrong) {
  struct Case {
    const char* body;
    const char* says;
  };
  for (
      const Case& c : {
          Case{"not json", "not valid JSON"},
          Case{"[1,2]", "must be a JSON object"},
          Case{R"({"model": 5})", "\"model\""},
          Case{R"({"messages":[{"role":"user","content":7}]})",
               "messages[0].content: expected a string or a list"},
          Case{
              R"({"messages":[{"role":"user","content":[{"type":"input_audio"}]}]})",
              "messages[0].content[0].type: 'input_audio' is not supported"},
          Case{R"({"temperature":"hot"})", "\"temperature\""},
          Case{R"({"max_tokens": 1e12})", "max_tokens: out of range"},
          Case{R"({"stop": 3})", "stop: expected a string or a list"},
          Case{R"({"attempt_timeout": "soon"})", "attempt_timeout"},
          Case{R"({"stream_options": {"include_usage": "yes"}})",
               "stream_options"},
      }) {
    absl::StatusOr<v1::ChatCompletionRequest> request =
        ReadOpenAiChatRequest(c.body);
    ASSERT_FALSE(request.ok()) << c.body;
    EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(request.status().message(), HasSubstr(c.says)) << c.body;
  }
}

}  // namespace
}  // namespace literllm
