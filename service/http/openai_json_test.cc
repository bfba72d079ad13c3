#include "service/http/openai_json.h"

#include "gtest/gtest.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

TEST(OpenAiJsonTest, CompletionReadsLikeOpenAis) {
  v1::ChatCompletionResponse response;
  ProtoFromJson(R"({
    "id": "chatcmpl-1", "created": "1741570283", "model": "gpt-4o",
    "choices": [{"index": 0, "finish_reason": "tool_calls",
      "message": {"role": "assistant", "tool_calls": [{"id": "call_1",
        "type": "function", "function": {"name": "f", "arguments": "{}"}}]}}],
    "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
    "estimated_cost_usd": 0.25, "provider": "openai"})",
                response);
  EXPECT_EQ(
      OpenAiCompletionJson(response),
      R"({"id":"chatcmpl-1","object":"chat.completion","created":1741570283,)"
      R"("model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant",)"
      R"("content":null,"refusal":null,"tool_calls":[{"id":"call_1",)"
      R"("type":"function","function":{"name":"f","arguments":"{}"}}]},)"
      R"("logprobs":null,"finish_reason":"tool_calls"}],"usage":)"
      R"({"prompt_tokens":3,"completion_tokens":2,"total_tokens":5},)"
      R"("estimated_cost_usd":0.25,"provider":"openai"})");
}

TEST(OpenAiJsonTest, ChunksCarryUsageOnlyWhenAskedFor) {
  v1::ChatCompletionChunk chunk;
  ProtoFromJson(R"({"id": "c", "created": "1", "model": "m",
    "choices": [{"index": 0, "delta": {"tool_calls": [{"index": 1,
      "function": {"arguments": "{\"a\""}}]}}]})",
                chunk);
  const char* kWithout =
      R"({"id":"c","object":"chat.completion.chunk","created":1,"model":"m",)"
      R"("choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":)"
      R"({"arguments":"{\"a\""}}]},"logprobs":null,"finish_reason":null}])";
  EXPECT_EQ(OpenAiChunkJson(chunk, false), std::string(kWithout) + "}");
  EXPECT_EQ(OpenAiChunkJson(chunk, true),
            std::string(kWithout) + R"(,"usage":null})");

  v1::ChatCompletionChunk last;
  ProtoFromJson(R"({"id": "c", "created": "1", "model": "m",
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    "estimated_cost_usd": 0.5})",
                last);
  EXPECT_EQ(OpenAiChunkJson(last, true),
            R"({"id":"c","object":"chat.completion.chunk","created":1,)"
            R"("model":"m","choices":[],"usage":{"prompt_tokens":1,)"
            R"("completion_tokens":1,"total_tokens":2},)"
            R"("estimated_cost_usd":0.5})");
}

TEST(OpenAiJsonTest, ModelsAndErrors) {
  v1::ListModelsResponse models;
  ProtoFromJson(R"({"data": [{"id": "openai/gpt-4o", "created": "5",
    "provider": "openai"}]})",
                models);
  EXPECT_EQ(OpenAiModelListJson(models),
            R"({"object":"list","data":[{"id":"openai/gpt-4o",)"
            R"("object":"model","created":5,"owned_by":"openai",)"
            R"("provider":"openai"}]})");
  EXPECT_EQ(OpenAiErrorJson("bad", "invalid_request_error", "messages", ""),
            R"({"error":{"message":"bad","type":"invalid_request_error",)"
            R"("param":"messages","code":null}})");
}

}  // namespace
}  // namespace literllm
