#include "service/http/anthropic_messages_answer.h"

#include "gtest/gtest.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

v1::ChatCompletionResponse Response(absl::string_view json) {
  v1::ChatCompletionResponse response;
  ProtoFromJson(json, response);
  return response;
}

TEST(AnthropicMessagesAnswerTest, BlocksInClaudesOrderWithCacheUsage) {
  EXPECT_EQ(AnthropicMessageJson(Response(R"({
        "id":"msg_1","model":"claude-sonnet-4-5","choices":[{"index":0,
        "finish_reason":"tool_calls","message":{"role":"assistant",
        "content":"Checking.","reasoning_content":"Hmm.",
        "thinking_blocks":[{"type":"thinking","thinking":"Hmm.","signature":"sig"},
                           {"type":"redacted_thinking","data":"enc"}],
        "tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"read",
          "arguments":"{\"path\": \"a\"}"}},
                      {"id":"toolu_2","type":"function","function":{"name":"ls",
          "arguments":"not json"}}]}}],
        "usage":{"prompt_tokens":1233,"completion_tokens":33,"total_tokens":1266,
          "prompt_tokens_details":{"cached_tokens":1024,"cache_creation_tokens":188}}})")),
            MinifyJson(R"({"id":"msg_1","type":"message","role":"assistant",
        "model":"claude-sonnet-4-5","content":[
          {"type":"thinking","thinking":"Hmm.","signature":"sig"},
          {"type":"redacted_thinking","data":"enc"},
          {"type":"text","text":"Checking."},
          {"type":"tool_use","id":"toolu_1","name":"read","input":{"path":"a"}},
          {"type":"tool_use","id":"toolu_2","name":"ls","input":{}}],
        "stop_reason":"tool_use","stop_sequence":null,
        "usage":{"input_tokens":21,"cache_creation_input_tokens":188,
                 "cache_read_input_tokens":1024,"output_tokens":33}})"));
}

TEST(AnthropicMessagesAnswerTest, OtherProvidersReasoningIsAnUnsignedBlock) {
  EXPECT_EQ(
      AnthropicMessageJson(
          Response(R"({"id":"chatcmpl-1","model":"o","choices":[
        {"finish_reason":"stop","stop_sequence":"END","message":{
         "role":"assistant","content":"Hi","reasoning_content":"think"}}],
        "usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}})")),
      MinifyJson(R"({"id":"chatcmpl-1","type":"message","role":"assistant",
        "model":"o","content":[{"type":"thinking","thinking":"think","signature":""},
        {"type":"text","text":"Hi"}],"stop_reason":"stop_sequence",
        "stop_sequence":"END","usage":{"input_tokens":3,
        "cache_creation_input_tokens":0,"cache_read_input_tokens":0,
        "output_tokens":2}})"));
}

TEST(AnthropicMessagesAnswerTest, FinishReasonsInAnthropicsTerms) {
  EXPECT_EQ(AnthropicStopReason("stop", false), "end_turn");
  EXPECT_EQ(AnthropicStopReason("stop", true), "stop_sequence");
  EXPECT_EQ(AnthropicStopReason("length", false), "max_tokens");
  EXPECT_EQ(AnthropicStopReason("tool_calls", false), "tool_use");
  EXPECT_EQ(AnthropicStopReason("content_filter", false), "refusal");
  EXPECT_EQ(AnthropicStopReason("", false), "end_turn");
}

}  // namespace
}  // namespace literllm
