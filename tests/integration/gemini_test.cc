// Chat and ChatStream through the real server to a fake Gemini API over
// loopback: URLs, key header and bodies are checked at the fake.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/integration/gateway_fixture.h"
#include "tests/integration/gemini_fixtures.h"

namespace literllm::testing {
namespace {

constexpr char kHello[] =
    R"({"model":"gemini/gemini-2.5-flash","messages":[)"
    R"({"role":"system","content":"Be brief."},)"
    R"({"role":"user","content":"Hello!"}],"temperature":0.5,)"
    R"("max_completion_tokens":64})";

TEST_F(GeminiTest, ChatTranslatesBothWays) {
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(kHello, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.choices(0).message().content(), "Hi there!");
  EXPECT_EQ(response.choices(0).finish_reason(), "stop");
  EXPECT_EQ(response.id(), "resp-1");
  EXPECT_EQ(response.model(), "gemini-2.5-flash-001");
  EXPECT_EQ(response.provider(), "gemini");
  EXPECT_GT(response.created(), 1700000000);
  EXPECT_EQ(response.usage().prompt_tokens(), 12);
  EXPECT_EQ(response.usage().completion_tokens(), 8);
  EXPECT_EQ(response.usage().total_tokens(), 20);
  EXPECT_EQ(response.usage().prompt_tokens_details().cached_tokens(), 4);
  EXPECT_EQ(response.usage().completion_tokens_details().reasoning_tokens(), 3);

  RecordedRequest seen = upstream_.requests().at(0);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.path, "/v1beta/models/gemini-2.5-flash:generateContent");
  EXPECT_EQ(seen.Header("x-goog-api-key"), kGeminiKey);
  EXPECT_EQ(seen.Header("Authorization"), "");
  EXPECT_EQ(seen.body,
            R"({"contents":[{"role":"user","parts":[{"text":"Hello!"}]}],)"
            R"("systemInstruction":{"parts":[{"text":"Be brief."}]},)"
            R"("generationConfig":{"temperature":0.5,"maxOutputTokens":64}})");
}

TEST_F(GeminiTest, StreamsTextWithUsageOnTheFinalChunk) {
  upstream_.set_handler(
      SseHandler(GeminiTextStream({"Hel", "lo wörld", " 🎉"})));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(kHello, &chunks);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StreamedText(chunks), "Hello wörld 🎉");
  ASSERT_EQ(chunks.size(), 4u);
  EXPECT_EQ(chunks[0].choices(0).delta().role(), "assistant");
  EXPECT_EQ(chunks[2].choices(0).finish_reason(), "stop");
  const v1::ChatCompletionChunk& last = chunks.back();
  EXPECT_EQ(last.choices_size(), 0);
  EXPECT_EQ(last.usage().total_tokens(), 20);
  EXPECT_EQ(last.usage().completion_tokens(), 8);
  EXPECT_EQ(last.provider(), "gemini");
  for (size_t i = 0; i + 1 < chunks.size(); ++i) {
    EXPECT_FALSE(chunks[i].has_usage()) << i;
  }

  RecordedRequest seen = upstream_.requests().at(0);
  EXPECT_EQ(seen.path,
            "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  EXPECT_EQ(seen.Header("x-goog-api-key"), kGeminiKey);
  EXPECT_FALSE(absl::StrContains(seen.body, "stream")) << seen.body;
}

TEST_F(GeminiTest, CrlfEventsSplitAtAwkwardOffsetsStillDecode) {
  std::string all;
  for (const auto& e : GeminiTextStream({"héllo ", "世界", " 🎉!"}, "\r\n")) {
    all += e;
  }
  upstream_.set_handler(SplitSseHandler(all));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(kHello, &chunks);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StreamedText(chunks), "héllo 世界 🎉!");
  EXPECT_EQ(chunks.back().usage().total_tokens(), 20);
}

constexpr char kTwoCalls[] =
    R"([{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},)"
    R"("thoughtSignature":"sig/A=="},)"
    R"({"functionCall":{"name":"get_time","args":{}}}])";

TEST_F(GeminiTest, ParallelFunctionCallsGetIdsAndToolCallsReason) {
  upstream_.set_handler(JsonHandler(200, GeminiResponse(kTwoCalls)));
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(kHello, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::Message& message = response.choices(0).message();
  EXPECT_EQ(response.choices(0).finish_reason(), "tool_calls");
  EXPECT_FALSE(message.has_content());
  ASSERT_EQ(message.tool_calls_size(), 2);
  EXPECT_EQ(message.tool_calls(0).function().name(), "get_weather");
  EXPECT_EQ(message.tool_calls(0).function().arguments(),
            R"({"city":"Paris"})");
  EXPECT_EQ(message.tool_calls(0).function().thought_signature(), "sig/A==");
  EXPECT_EQ(message.tool_calls(1).function().arguments(), "{}");
  EXPECT_TRUE(absl::StartsWith(message.tool_calls(0).id(), "call_"));
  EXPECT_NE(message.tool_calls(0).id(), message.tool_calls(1).id());
}

TEST_F(GeminiTest, StreamedFunctionCallsAreWholeDeltasByIndex) {
  upstream_.set_handler(
      SseHandler({GeminiSse(GeminiResponse(kTwoCalls, "", "")),
                  GeminiSse(GeminiResponse(TextParts(""), "STOP"))}));
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(Stream(kHello, &chunks).ok());
  std::map<int, v1::ToolCallDelta> calls;
  std::string finish;
  for (const auto& chunk : chunks) {
    for (const auto& choice : chunk.choices()) {
      for (const auto& call : choice.delta().tool_calls()) {
        EXPECT_EQ(calls.count(call.index()), 0u) << "one delta per call";
        calls[call.index()] = call;
      }
      if (choice.has_finish_reason()) finish = choice.finish_reason();
    }
  }
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].function().name(), "get_weather");
  EXPECT_EQ(calls[0].function().arguments(), R"({"city":"Paris"})");
  EXPECT_EQ(calls[0].function().thought_signature(), "sig/A==");
  EXPECT_EQ(calls[1].function().name(), "get_time");
  EXPECT_TRUE(absl::StartsWith(calls[1].id(), "call_"));
  EXPECT_EQ(finish, "tool_calls");
  EXPECT_EQ(chunks.back().usage().total_tokens(), 20);
}

TEST_F(GeminiTest, MultiTurnToolRoundTrip) {
  upstream_.set_handler(JsonHandler(200, GeminiResponse(kTwoCalls)));
  v1::ChatCompletionResponse first;
  ASSERT_TRUE(Chat(kHello, &first).ok());
  const v1::Message& calls = first.choices(0).message();
  ASSERT_EQ(calls.tool_calls_size(), 2);

  // The caller echoes the assistant turn (signatures included) and answers
  // both calls, in reverse order.
  upstream_.set_handler(
      JsonHandler(200, GeminiResponse(TextParts("Paris: 18C, 09:30."))));
  v1::ChatCompletionRequest second = Request(kHello);
  *second.add_messages() = calls;
  for (int i : {1, 0}) {
    v1::Message& result = *second.add_messages();
    result.set_role("tool");
    result.set_tool_call_id(calls.tool_calls(i).id());
    result.set_content(i == 0 ? R"({"temp_c":18})" : "09:30");
  }
  v1::ChatCompletionResponse answer;
  auto context = Context();
  grpc::Status status = stub_->Chat(context.get(), second, &answer);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answer.choices(0).message().content(), "Paris: 18C, 09:30.");

  const std::string body = upstream_.requests().at(1).body;
  EXPECT_TRUE(absl::StrContains(
      body,
      R"({"role":"model","parts":[{"functionCall":{"name":"get_weather",)"
      R"("args":{"city":"Paris"}},"thoughtSignature":"sig/A=="},)"
      R"({"functionCall":{"name":"get_time","args":{}}}]},)"
      R"({"role":"user","parts":[)"
      R"({"functionResponse":{"name":"get_time","response":{"result":"09:30"}}},)"
      R"({"functionResponse":{"name":"get_weather","response":{"temp_c":18}}}]})"))
      << body;
}

TEST_F(GeminiTest, BlockedPromptIsInvalidArgumentBothWays) {
  const std::string blocked =
      R"({"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":)"
      R"({"promptTokenCount":9,"totalTokenCount":9},"responseId":"r"})";
  upstream_.set_handler(JsonHandler(200, blocked));
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(kHello, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "gemini: prompt blocked by Gemini (blockReason: SAFETY)");

  upstream_.set_handler(SseHandler({GeminiSse(blocked)}));
  std::vector<v1::ChatCompletionChunk> chunks;
  status = Stream(kHello, &chunks);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(status.error_message(), "blockReason: SAFETY"));
  EXPECT_TRUE(chunks.empty());
}

TEST_F(GeminiTest, StreamCutBeforeFinishReasonIsUnavailable) {
  std::vector<std::string> events = GeminiTextStream({"par", "tial", "!"});
  events.pop_back();  // the event with finishReason never comes
  upstream_.set_handler(SseHandler(events));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(kHello, &chunks);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(status.error_message(),
            "gemini: stream ended before a finishReason");
  EXPECT_EQ(StreamedText(chunks), "partial");
}

TEST_F(GeminiTest, InStreamErrorEndsTheCall) {
  upstream_.set_handler(SseHandler(
      {GeminiTextStream({"a", "b"}).front(),
       GeminiSse(GeminiError(429, "RESOURCE_EXHAUSTED", "Quota exceeded"))}));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(kHello, &chunks);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(status.error_message(),
            "gemini: Quota exceeded (RESOURCE_EXHAUSTED)");
  EXPECT_EQ(StreamedText(chunks), "a");
}

struct ErrorCase {
  int http;
  std::string body;
  grpc::StatusCode code;
  std::string mentions;
  std::string retry_after;  // expected trailing metadata, "" for none
};

void PrintTo(const ErrorCase& c, std::ostream* os) {
  *os << "HTTP " << c.http << " -> " << c.mentions;
}

class GeminiErrorTest : public GeminiTest,
                        public ::testing::WithParamInterface<ErrorCase> {};

TEST_P(GeminiErrorTest, MapsStatusAndRelaysMessageWithoutKey) {
  const ErrorCase& c = GetParam();
  upstream_.set_handler(JsonHandler(c.http, c.body));
  v1::ChatCompletionResponse response;
  auto context = Context();
  grpc::Status status = Chat(kHello, &response, context.get());
  EXPECT_EQ(status.error_code(), c.code) << status.error_message();
  EXPECT_TRUE(absl::StartsWith(status.error_message(), "gemini: "));
  EXPECT_TRUE(absl::StrContains(status.error_message(), c.mentions))
      << status.error_message();
  EXPECT_FALSE(absl::StrContains(status.error_message(), kGeminiKey));
  const auto& trailers = context->GetServerTrailingMetadata();
  auto retry = trailers.find("retry-after");
  if (c.retry_after.empty()) {
    EXPECT_EQ(retry, trailers.end());
  } else {
    ASSERT_NE(retry, trailers.end());
    EXPECT_EQ(std::string(retry->second.data(), retry->second.size()),
              c.retry_after);
  }
}

INSTANTIATE_TEST_SUITE_P(
    GeminiErrors, GeminiErrorTest,
    ::testing::Values(
        ErrorCase{400,
                  GeminiError(400, "INVALID_ARGUMENT",
                              "API key not valid. Please pass a valid API key.",
                              R"([{"reason":"API_KEY_INVALID"}])"),
                  grpc::StatusCode::UNAUTHENTICATED, "API_KEY_INVALID", ""},
        ErrorCase{400,
                  GeminiError(400, "INVALID_ARGUMENT",
                              std::string("Bad request for ") + kGeminiKey),
                  grpc::StatusCode::INVALID_ARGUMENT, "Bad request for", ""},
        ErrorCase{429,
                  GeminiError(429, "RESOURCE_EXHAUSTED", "Quota exceeded",
                              R"([{"retryDelay":"17s"}])"),
                  grpc::StatusCode::RESOURCE_EXHAUSTED, "Quota exceeded", "17"},
        ErrorCase{404,
                  GeminiError(404, "NOT_FOUND",
                              "models/gemini-9 is not found for API version "
                              "v1beta"),
                  grpc::StatusCode::NOT_FOUND, "is not found", ""},
        ErrorCase{500, GeminiError(500, "INTERNAL", "An internal error"),
                  grpc::StatusCode::UNAVAILABLE, "An internal error", ""},
        ErrorCase{502, "<html>Bad Gateway</html>",
                  grpc::StatusCode::UNAVAILABLE, "Bad Gateway", ""}),
    [](const ::testing::TestParamInfo<ErrorCase>& info) {
      return "Http" + std::to_string(info.param.http) + "_" +
             std::to_string(info.index);
    });

TEST_F(GeminiTest, ListModelsStripsPrefixAndKeepsGenerators) {
  upstream_.set_handler(JsonHandler(200, R"({"models":[
    {"name":"models/gemini-2.5-flash","supportedGenerationMethods":["generateContent"]},
    {"name":"models/text-embedding-004","supportedGenerationMethods":["embedContent"]}]})"));
  v1::ListModelsResponse response;
  auto context = Context();
  ASSERT_TRUE(
      stub_->ListModels(context.get(), v1::ListModelsRequest(), &response)
          .ok());
  ASSERT_EQ(response.data_size(), 1);
  EXPECT_EQ(response.data(0).id(), "gemini/gemini-2.5-flash");
  EXPECT_EQ(response.errors_size(), 0);
  RecordedRequest seen = upstream_.requests().at(0);
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.path, "/v1beta/models?pageSize=1000");
  EXPECT_EQ(seen.Header("x-goog-api-key"), kGeminiKey);
}

TEST(GeminiKeyTest, GoogleApiKeyIsTheFallback) {
  FakeHttpServer upstream(JsonHandler(200, GeminiResponse(TextParts("ok"))));
  for (const auto& [env, want] :
       std::vector<std::pair<ServerProcess::Env, std::string>>{
           {{{"GOOGLE_API_KEY", "AIzaSy-google-key-000000"}},
            "AIzaSy-google-key-000000"},
           {{{"GOOGLE_API_KEY", "AIzaSy-google-key-000000"},
             {"GEMINI_API_KEY", kGeminiKey}},
            kGeminiKey}}) {
    ServerProcess::Env with_url = env;
    with_url["GEMINI_BASE_URL"] = upstream.base_url();
    ServerProcess server(with_url);
    ASSERT_NE(server.port(), 0);
    v1::ChatCompletionResponse response;
    auto context = ProviderTest::Context();
    grpc::Status status = server.NewStub()->Chat(
        context.get(), ProviderTest::Request(kHello), &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(upstream.requests().back().Header("x-goog-api-key"), want);
  }
}

}  // namespace
}  // namespace literllm::testing
