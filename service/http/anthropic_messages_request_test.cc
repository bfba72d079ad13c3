#include "service/http/anthropic_messages_request.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

v1::ChatCompletionRequest Expected(absl::string_view json) {
  v1::ChatCompletionRequest request;
  ProtoFromJson(json, request);
  return request;
}

TEST(AnthropicMessagesRequestTest, ReadsEveryBlockKind) {
  absl::StatusOr<v1::ChatCompletionRequest> read = ReadAnthropicMessagesRequest(
      R"({"model":"anthropic/claude-sonnet-4-5","max_tokens":1024,
       "system":[{"type":"text","text":"Be terse.",
                  "cache_control":{"type":"ephemeral"}}],
       "messages":[
        {"role":"user","content":[
          {"type":"text","text":"Look"},
          {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBO"}},
          {"type":"image","source":{"type":"url","url":"https://x/cat.png"}},
          {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBE"}},
          {"type":"document","source":{"type":"text","media_type":"text/plain","data":"notes"}}]},
        {"role":"assistant","content":[
          {"type":"thinking","thinking":"Hmm.","signature":"sig"},
          {"type":"redacted_thinking","data":"enc"},
          {"type":"text","text":"Reading."},
          {"type":"tool_use","id":"toolu_1","name":"read","input":{"path":"a"},
           "cache_control":{"type":"ephemeral","ttl":"1h"}}]},
        {"role":"user","content":[
          {"type":"text","text":"and?"},
          {"type":"tool_result","tool_use_id":"toolu_1","content":"gone","is_error":true,
           "cache_control":{"type":"ephemeral"}}]},
        {"role":"assistant","content":"Done."},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_2",
          "content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}],
       "tools":[{"name":"read","description":"Reads","input_schema":{"type":"object"},
                 "cache_control":{"type":"ephemeral"}}],
       "tool_choice":{"type":"any","disable_parallel_tool_use":true},
       "temperature":0.5,"top_p":0.9,"top_k":40,"stop_sequences":["END"],
       "stream":true,"metadata":{"user_id":"u-1"},
       "thinking":{"type":"enabled","budget_tokens":2048},
       "service_tier":"auto"})");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(ProtoEquals(Expected(R"({
    "model":"anthropic/claude-sonnet-4-5","max_tokens":1024,
    "messages":[
     {"role":"system","content_parts":[{"type":"text","text":"Be terse.",
       "cache_control":{"type":"ephemeral"}}]},
     {"role":"user","content_parts":[
       {"type":"text","text":"Look"},
       {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBO"}},
       {"type":"image_url","image_url":{"url":"https://x/cat.png"}},
       {"type":"image_url","image_url":{"url":"data:application/pdf;base64,JVBE"}},
       {"type":"text","text":"notes"}]},
     {"role":"assistant","content":"Reading.",
      "thinking_blocks":[{"type":"thinking","thinking":"Hmm.","signature":"sig"},
                         {"type":"redacted_thinking","data":"enc"}],
      "tool_calls":[{"id":"toolu_1","type":"function",
        "function":{"name":"read","arguments":"{\"path\":\"a\"}"},
        "cache_control":{"type":"ephemeral","ttl":"1h"}}]},
     {"role":"tool","tool_call_id":"toolu_1","content":"gone","is_error":true,
      "cache_control":{"type":"ephemeral"}},
     {"role":"user","content":"and?"},
     {"role":"assistant","content":"Done."},
     {"role":"tool","tool_call_id":"toolu_2","content_parts":[
       {"type":"text","text":"a"},{"type":"text","text":"b"}]}],
    "tools":[{"type":"function","function":{"name":"read","description":"Reads",
      "parameters":{"type":"object"}},"cache_control":{"type":"ephemeral"}}],
    "tool_choice":"required","parallel_tool_calls":false,
    "temperature":0.5,"top_p":0.9,"top_k":40,"stop":["END"],"stream":true,
    "user":"u-1","thinking":{"type":"enabled","budget_tokens":2048}})"),
                          *read));
}

TEST(AnthropicMessagesRequestTest, ToolChoicesInOpenAisTerms) {
  auto choice = [](absl::string_view json) {
    absl::StatusOr<v1::ChatCompletionRequest> read =
        ReadAnthropicMessagesRequest(absl::StrCat(
            R"({"model":"m","max_tokens":1,"messages":[],"tool_choice":)", json,
            "}"));
    EXPECT_TRUE(read.ok()) << read.status();
    return read.ok() ? read->tool_choice().DebugString() : "";
  };
  EXPECT_EQ(choice(R"({"type":"auto"})"), "string_value: \"auto\"\n");
  EXPECT_EQ(choice(R"({"type":"none"})"), "string_value: \"none\"\n");
  google::protobuf::Value named;
  ProtoFromJson(R"({"type":"function","function":{"name":"f"}})", named);
  EXPECT_EQ(choice(R"({"type":"tool","name":"f"})"), named.DebugString());
}

TEST(AnthropicMessagesRequestTest, CountTokensNeedsNoMaxTokens) {
  constexpr absl::string_view kBody =
      R"({"model":"m","messages":[{"role":"user","content":"Hi"}]})";
  EXPECT_TRUE(ReadAnthropicMessagesRequest(kBody, /*counting=*/true).ok());
  EXPECT_EQ(ReadAnthropicMessagesRequest(kBody).status().message(),
            "max_tokens: required");
}

TEST(AnthropicMessagesRequestTest, OutputFormatBecomesAJsonSchema) {
  absl::StatusOr<v1::ChatCompletionRequest> read = ReadAnthropicMessagesRequest(
      R"({"model":"m","max_tokens":1,"messages":[],"output_config":
          {"format":{"type":"json_schema","schema":{"type":"object"}}}})");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->response_format().type(), "json_schema");
  EXPECT_TRUE(read->response_format().json_schema().has_schema());
}

TEST(AnthropicMessagesRequestTest, ErrorsNameTheMember) {
  struct Case {
    const char* body;
    const char* message;
  };
  for (const Case& c : {
           Case{"[1]", "request body must be a JSON object"},
           Case{R"({"max_tokens":1,"messages":[]})", "model: required"},
           Case{R"({"model":"m","max_tokens":1})", "messages: required"},
           Case{R"({"model":"m","max_tokens":-1,"messages":[]})",
                "max_tokens: out of range"},
           Case{R"({"model":"m","max_tokens":1,"messages":[
                  {"role":"system","content":"x"}]})",
                "messages[0].role: 'system' is not a role here (user, "
                "assistant)"},
           Case{R"({"model":"m","max_tokens":1,"messages":[
                  {"role":"user"}]})",
                "messages[0].content: required"},
           Case{R"({"model":"m","max_tokens":1,"messages":[
                  {"role":"user","content":[{"type":"tool_use"}]}]})",
                "messages[0].content[0].type: 'tool_use' is not supported in "
                "user turns (text, image, document, tool_result)"},
           Case{R"({"model":"m","max_tokens":1,"messages":[
                  {"role":"assistant","content":[{"type":"server_tool_use"}]}]})",
                "messages[0].content[0].type: 'server_tool_use' is not "
                "supported in assistant turns (text, tool_use, thinking, "
                "redacted_thinking)"},
           Case{R"({"model":"m","max_tokens":1,"messages":[
                  {"role":"user","content":[{"type":"image",
                   "source":{"type":"file","file_id":"f"}}]}]})",
                "messages[0].content[0].source.type: 'file' is not supported "
                "(base64, url)"},
           Case{R"({"model":"m","max_tokens":1,"messages":[
                  {"role":"user","content":7}]})",
                "messages[0].content: expected a string or a list of content "
                "blocks"},
           Case{R"({"model":"m","max_tokens":1,"messages":[],"tools":[
                  {"type":"web_search_20250305","name":"web_search"}]})",
                "tools[0].type: server tool 'web_search_20250305' is not "
                "supported; only custom tools"},
           Case{R"({"model":"m","max_tokens":1,"messages":[],"tools":[
                  {"name":"f"}]})",
                "tools[0].input_schema: required"},
           Case{R"({"model":"m","max_tokens":1,"messages":[],
                  "tool_choice":{"type":"sometimes"}})",
                "tool_choice.type: 'sometimes' is not one of auto, any, tool, "
                "none"},
           Case{R"({"model":"m","max_tokens":1,"messages":[],
                  "stop_sequences":[1]})",
                "stop_sequences: expected strings"},
       }) {
    absl::StatusOr<v1::ChatCompletionRequest> read =
        ReadAnthropicMessagesRequest(c.body);
    EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument)
        << c.body;
    EXPECT_EQ(std::string(read.status().message()), c.message) << c.body;
  }
}

}  // namespace
}  // namespace literllm
