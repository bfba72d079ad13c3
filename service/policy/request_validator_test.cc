#include "service/policy/request_validator.h"

#include <google/protobuf/util/json_util.h>

#include <string>

#include "gtest/gtest.h"

namespace literllm {
namespace {

v1::ChatCompletionRequest Parse(const std::string& json) {
  v1::ChatCompletionRequest request;
  auto status = google::protobuf::util::JsonStringToMessage(json, &request);
  EXPECT_TRUE(status.ok()) << status.ToString() << " in " << json;
  return request;
}

constexpr char kHello[] = R"("messages":[{"role":"user","content":"Hello!"}])";

absl::Status Check(const std::string& json) {
  return ValidateChatRequest(Parse(json));
}

void ExpectInvalid(const std::string& json, const std::string& mentions) {
  absl::Status status = Check(json);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << json;
  EXPECT_NE(status.message().find(mentions), std::string::npos)
      << status.message() << " should mention " << mentions;
}

TEST(RequestValidatorTest, AcceptsOpenAiShapedRequest) {
  EXPECT_TRUE(
      Check(R"({"model":"openai/gpt-4o",)" + std::string(kHello) +
            R"(,"temperature":0.7,"top_p":1,"n":1,"stop":["x"],)"
            R"("seed":42,"reasoning_effort":"low","tool_choice":"auto",)"
            R"("tools":[{"type":"function","function":{"name":"f",)"
            R"("parameters":{"type":"object"}}}],)"
            R"("response_format":{"type":"json_object"}})")
          .ok());
}

TEST(RequestValidatorTest, AcceptsToolRoundTrip) {
  EXPECT_TRUE(Check(R"({"model":"openai/gpt-4o","messages":[
      {"role":"developer","content":"Be terse."},
      {"role":"user","content":"Weather?"},
      {"role":"assistant","tool_calls":[{"id":"call_1","type":"function",
        "function":{"name":"get_weather","arguments":"{}"}}]},
      {"role":"tool","tool_call_id":"call_1","content":"sunny"}]})")
                  .ok());
}

TEST(RequestValidatorTest, RejectsEmptyModelAndMessages) {
  ExpectInvalid(std::string("{") + kHello + "}", "model");
  ExpectInvalid(R"({"model":"openai/gpt-4o"})", "messages");
}

TEST(RequestValidatorTest, RejectsUnknownRole) {
  ExpectInvalid(R"({"model":"m/x","messages":[{"role":"bot","content":"x"}]})",
                "messages[0].role: unknown role 'bot'");
}

TEST(RequestValidatorTest, RejectsOutOfRangeSampling) {
  std::string base = std::string(R"({"model":"m/x",)") + kHello;
  ExpectInvalid(base + R"(,"temperature":2.5})", "temperature");
  ExpectInvalid(base + R"(,"temperature":-0.1})", "temperature");
  ExpectInvalid(base + R"(,"top_p":1.5})", "top_p");
  ExpectInvalid(base + R"(,"presence_penalty":3})", "presence_penalty");
  ExpectInvalid(base + R"(,"frequency_penalty":-3})", "frequency_penalty");
  ExpectInvalid(base + R"(,"n":0})", "n");
  ExpectInvalid(base + R"(,"max_tokens":0})", "max_tokens");
  ExpectInvalid(base + R"(,"stop":["a","b","c","d","e"]})", "stop");
  ExpectInvalid(base + R"(,"reasoning_effort":"extreme"})", "reasoning_effort");
}

TEST(RequestValidatorTest, RejectsBadToolsAndFormats) {
  std::string base = std::string(R"({"model":"m/x",)") + kHello;
  ExpectInvalid(base + R"(,"tool_choice":"sometimes"})", "tool_choice");
  ExpectInvalid(base + R"(,"tool_choice":{"type":"function"}})", "tool_choice");
  ExpectInvalid(base + R"(,"tools":[{"type":"function","function":{}}]})",
                "tools[0].function.name");
  ExpectInvalid(base + R"(,"response_format":{"type":"yaml"}})",
                "response_format.type");
  ExpectInvalid(base + R"(,"response_format":{"type":"json_schema"}})",
                "response_format.json_schema.name");
}

TEST(RequestValidatorTest, RejectsMalformedMessages) {
  ExpectInvalid(R"({"model":"m/x","messages":[{"role":"tool","content":"x"}]})",
                "tool_call_id");
  ExpectInvalid(R"({"model":"m/x","messages":[{"role":"user","content":"x",
      "content_parts":[{"type":"text","text":"y"}]}]})",
                "not both");
  ExpectInvalid(R"({"model":"m/x","messages":[{"role":"user",
      "content_parts":[{"type":"audio"}]}]})",
                "content_parts[0].type");
  ExpectInvalid(R"({"model":"m/x","messages":[{"role":"user","tool_calls":[
      {"id":"c","function":{"name":"f"}}]}]})",
                "only assistant");
}

}  // namespace
}  // namespace literllm
