// Unary Chat through the real server to a fake OpenAI over loopback.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "absl/strings/match.h"
#include "tests/integration/gateway_fixture.h"

namespace literllm::testing {
namespace {

google::protobuf::Struct UpstreamBody(const RecordedRequest& request) {
  google::protobuf::Struct body;
  EXPECT_TRUE(
      google::protobuf::util::JsonStringToMessage(request.body, &body).ok())
      << request.body;
  return body;
}

TEST_F(GatewayTest, ChatTranslatesBothWays) {
  v1::ChatCompletionResponse response;
  auto context = Context();
  grpc::Status status = stub_->Chat(
      context.get(),
      Request(
          R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hello!"}],)"
          R"("temperature":0.7,"seed":1234567890123})"),
      &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.choices(0).message().content(), "Hello!");
  EXPECT_EQ(response.choices(0).finish_reason(), "stop");
  EXPECT_EQ(response.usage().prompt_tokens(), 12);
  EXPECT_EQ(response.usage().total_tokens(), 17);
  EXPECT_EQ(response.usage().prompt_tokens_details().cached_tokens(), 4);
  EXPECT_EQ(response.usage().completion_tokens_details().reasoning_tokens(), 2);
  EXPECT_EQ(response.model(), "gpt-4o-2024-08-06");
  EXPECT_EQ(response.provider(), "openai");

  RecordedRequest seen = upstream_.requests().at(0);
  EXPECT_EQ(seen.path, "/v1/chat/completions");
  EXPECT_EQ(seen.Header("Authorization"), std::string("Bearer ") + kTestKey);
  EXPECT_TRUE(absl::StrContains(seen.body, R"("temperature":0.7)"))
      << seen.body;
  EXPECT_TRUE(absl::StrContains(seen.body, R"("seed":1234567890123)"))
      << seen.body;
  auto body = UpstreamBody(seen);
  EXPECT_EQ(body.fields().at("model").string_value(), "gpt-4o");
  for (const char* unset : {"top_p", "max_tokens", "n", "stop", "tools",
                            "stream", "presence_penalty", "response_format"}) {
    EXPECT_EQ(body.fields().count(unset), 0u)
        << unset << " was sent: " << seen.body;
  }
}

TEST_F(GatewayTest, ToolCallRoundTrip) {
  upstream_.set_handler(
      JsonHandler(200, R"({"id":"c","object":"chat.completion",
    "created":1,"model":"gpt-4o","choices":[{"index":0,"finish_reason":"tool_calls",
    "message":{"role":"assistant","content":null,"tool_calls":[
      {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
      {"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{}"}}]}}],
    "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}})"));
  v1::ChatCompletionResponse response;
  auto context = Context();
  grpc::Status status = stub_->Chat(context.get(), Request(R"({
    "model":"openai/gpt-4o",
    "messages":[{"role":"user","content":"Weather in Paris?"},
      {"role":"assistant","tool_calls":[{"id":"call_0","type":"function",
        "function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]},
      {"role":"tool","tool_call_id":"call_0","content":"{\"temp_c\":18}"}],
    "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",
      "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
    "tool_choice":{"type":"function","function":{"name":"get_weather"}},
    "parallel_tool_calls":false})"),
                                    &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const auto& message = response.choices(0).message();
  EXPECT_FALSE(message.has_content());
  ASSERT_EQ(message.tool_calls_size(), 2);
  EXPECT_EQ(message.tool_calls(0).function().name(), "get_weather");
  EXPECT_EQ(message.tool_calls(0).function().arguments(),
            R"({"city":"Paris"})");
  EXPECT_EQ(response.choices(0).finish_reason(), "tool_calls");

  auto body = UpstreamBody(upstream_.requests().at(0));
  const auto& messages = body.fields().at("messages").list_value();
  EXPECT_EQ(messages.values(1)
                .struct_value()
                .fields()
                .at("tool_calls")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("id")
                .string_value(),
            "call_0");
  EXPECT_EQ(messages.values(2)
                .struct_value()
                .fields()
                .at("tool_call_id")
                .string_value(),
            "call_0");
  EXPECT_EQ(body.fields()
                .at("tool_choice")
                .struct_value()
                .fields()
                .at("type")
                .string_value(),
            "function");
  EXPECT_FALSE(body.fields().at("parallel_tool_calls").bool_value());
  EXPECT_EQ(body.fields()
                .at("tools")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("function")
                .struct_value()
                .fields()
                .at("parameters")
                .struct_value()
                .fields()
                .at("type")
                .string_value(),
            "object");
}

TEST_F(GatewayTest, ReusesUpstreamConnection) {
  for (int i = 0; i < 10; ++i) {
    v1::ChatCompletionResponse response;
    auto context = Context();
    ASSERT_TRUE(
        stub_
            ->Chat(
                context.get(),
                Request(
                    R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"x"}]})"),
                &response)
            .ok());
  }
  EXPECT_EQ(upstream_.request_count(), 10);
  // One connection per upstream thread (the tests run two), each reused.
  EXPECT_EQ(upstream_.connections_accepted(), 2);
}

TEST_F(GatewayTest, BadInputFailsBeforeAnyUpstreamCall) {
  struct Case {
    const char* json;
    const char* mentions;
  } cases[] = {
      {R"({"messages":[{"role":"user","content":"x"}]})", "model"},
      {R"({"model":"openai/gpt-4o"})", "messages"},
      {R"({"model":"nosuch/x","messages":[{"role":"user","content":"x"}]})",
       "known providers: openai"},
      {R"({"model":"gpt-4o","messages":[{"role":"user","content":"x"}]})",
       "provider/model"},
      {R"({"model":"openai/gpt-4o","messages":[{"role":"robot","content":"x"}]})",
       "unknown role 'robot'"},
      {R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"x"}],"temperature":3})",
       "temperature"},
  };
  for (const Case& c : cases) {
    v1::ChatCompletionResponse response;
    auto context = Context();
    grpc::Status status =
        stub_->Chat(context.get(), Request(c.json), &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.json;
    EXPECT_TRUE(absl::StrContains(status.error_message(), c.mentions))
        << status.error_message();
  }
  EXPECT_EQ(upstream_.request_count(), 0);
}

struct ErrorCase {
  int http;
  std::string body;
  grpc::StatusCode code;
  std::string mentions;
};

// Readable test names in ctest's listing.
void PrintTo(const ErrorCase& c, std::ostream* os) {
  *os << "HTTP " << c.http << " -> " << c.mentions;
}

class ProviderErrorTest : public GatewayTest,
                          public ::testing::WithParamInterface<ErrorCase> {};

TEST_P(ProviderErrorTest, MapsStatusAndRelaysMessageWithoutKey) {
  const ErrorCase& c = GetParam();
  upstream_.set_handler(JsonHandler(c.http, c.body, {{"retry-after", "17"}}));
  v1::ChatCompletionResponse response;
  auto context = Context();
  grpc::Status status = stub_->Chat(
      context.get(),
      Request(
          R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"x"}]})"),
      &response);
  EXPECT_EQ(status.error_code(), c.code) << status.error_message();
  EXPECT_TRUE(absl::StartsWith(status.error_message(), "openai: "))
      << status.error_message();
  EXPECT_TRUE(absl::StrContains(status.error_message(), c.mentions))
      << status.error_message();
  EXPECT_FALSE(absl::StrContains(status.error_message(), kTestKey));
  EXPECT_FALSE(absl::StrContains(status.error_message(), "0123456789"));
  if (c.http == 429) {
    auto retry = context->GetServerTrailingMetadata().find("retry-after");
    ASSERT_NE(retry, context->GetServerTrailingMetadata().end());
    EXPECT_EQ(std::string(retry->second.data(), retry->second.size()), "17");
  }
}

INSTANTIATE_TEST_SUITE_P(
    OpenAiErrors, ProviderErrorTest,
    ::testing::Values(
        ErrorCase{
            401,
            OpenAiError(std::string("Incorrect API key provided: ") + kTestKey,
                        "invalid_request_error", "invalid_api_key"),
            grpc::StatusCode::UNAUTHENTICATED, "Incorrect API key provided"},
        ErrorCase{
            401,
            OpenAiError(
                "Incorrect API key provided: sk-test-*****************6789.",
                "invalid_request_error", "invalid_api_key"),
            grpc::StatusCode::UNAUTHENTICATED, "[REDACTED]"},
        ErrorCase{403,
                  OpenAiError("Country, region, or territory not supported",
                              "request_forbidden",
                              "unsupported_country_region_territory"),
                  grpc::StatusCode::PERMISSION_DENIED,
                  "territory not supported"},
        ErrorCase{404,
                  OpenAiError("The model `gpt-9` does not exist",
                              "invalid_request_error", "model_not_found"),
                  grpc::StatusCode::NOT_FOUND, "does not exist"},
        ErrorCase{429,
                  OpenAiError("Rate limit reached for gpt-4o", "tokens",
                              "rate_limit_exceeded"),
                  grpc::StatusCode::RESOURCE_EXHAUSTED, "Rate limit reached"},
        ErrorCase{
            400,
            OpenAiError("This model's maximum context length is 8192 tokens.",
                        "invalid_request_error", "context_length_exceeded"),
            grpc::StatusCode::INVALID_ARGUMENT, "maximum context length"},
        ErrorCase{500, "<html>Internal Server Error</html>",
                  grpc::StatusCode::UNAVAILABLE, "Internal Server Error"},
        ErrorCase{503,
                  OpenAiError("The engine is currently overloaded",
                              "server_error", ""),
                  grpc::StatusCode::UNAVAILABLE, "overloaded"},
        ErrorCase{200, "{\"id\":\"x\",\"choices\":[{\"index\":0,",
                  grpc::StatusCode::INTERNAL, "parse"}),
    [](const ::testing::TestParamInfo<ErrorCase>& info) {
      return "Http" + std::to_string(info.param.http) + "_" +
             std::to_string(info.index);
    });

TEST_F(GatewayTest, ConnectionRefusedIsUnavailable) {
  int dead_port;
  {
    FakeHttpServer dead(JsonHandler(200, "{}"));
    dead_port = dead.port();
  }
  ServerProcess server(ServerProcess::Env{
      {"OPENAI_API_KEY", kTestKey},
      {"OPENAI_BASE_URL",
       "http://127.0.0.1:" + std::to_string(dead_port) + "/v1"}});
  v1::ChatCompletionResponse response;
  auto context = Context();
  grpc::Status status = server.NewStub()->Chat(
      context.get(),
      Request(
          R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"x"}]})"),
      &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(
      absl::StartsWith(status.error_message(), "openai: connection failed"))
      << status.error_message();
}

TEST_F(GatewayTest, DeadlineAbortsUpstreamAtOnce) {
  upstream_.set_handler([](const RecordedRequest&, ResponseWriter& w) {
    w.WaitForPeerClose(absl::Seconds(20));
  });
  v1::ChatCompletionResponse response;
  auto context = Context(absl::Milliseconds(300));
  absl::Time start = absl::Now();
  grpc::Status status = stub_->Chat(
      context.get(),
      Request(
          R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"x"}]})"),
      &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_TRUE(upstream_.WaitForPeerCloses(1, absl::Seconds(5)));
  EXPECT_LT(absl::Now() - start, absl::Seconds(6));
}

TEST_F(GatewayTest, CancellationAbortsUpstreamAtOnce) {
  upstream_.set_handler([](const RecordedRequest&, ResponseWriter& w) {
    w.WaitForPeerClose(absl::Seconds(20));
  });
  v1::ChatCompletionResponse response;
  auto context = Context(absl::Seconds(30));
  std::thread canceller([&] {
    upstream_.WaitForRequests(1, absl::Seconds(5));
    context->TryCancel();
  });
  grpc::Status status = stub_->Chat(
      context.get(),
      Request(
          R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"x"}]})"),
      &response);
  canceller.join();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_TRUE(upstream_.WaitForPeerCloses(1, absl::Seconds(5)));
}

TEST_F(GatewayTest, ListModelsFromProvider) {
  upstream_.set_handler(JsonHandler(200, R"({"object":"list","data":[
    {"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"},
    {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"}]})"));
  v1::ListModelsResponse response;
  auto context = Context();
  ASSERT_TRUE(
      stub_->ListModels(context.get(), v1::ListModelsRequest(), &response)
          .ok());
  ASSERT_EQ(response.data_size(), 2);
  EXPECT_EQ(response.data(0).id(), "openai/gpt-4o");
  EXPECT_EQ(response.data(1).provider(), "openai");
  EXPECT_EQ(upstream_.requests().at(0).path, "/v1/models");

  // Served from the model catalog's cache (see config_file_test.cc).
  upstream_.set_handler(JsonHandler(500, "down"));
  v1::ListModelsResponse cached;
  auto context2 = Context();
  ASSERT_TRUE(
      stub_->ListModels(context2.get(), v1::ListModelsRequest(), &cached).ok());
  EXPECT_EQ(cached.data_size(), 2);
  EXPECT_EQ(upstream_.request_count(), 1);
}

}  // namespace
}  // namespace literllm::testing
