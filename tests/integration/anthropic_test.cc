// Chat and ChatStream through the real server to a fake Anthropic over
// loopback.
#include <map>
#include <ostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/integration/anthropic_fixtures.h"
#include "tests/integration/gateway_fixture.h"

namespace literllm::testing {
namespace {

constexpr char kHello[] =
    R"({"model":"anthropic/claude-sonnet-4-5","messages":[)"
    R"({"role":"system","content":"Be brief."},)"
    R"({"role":"user","content":"Hello!"}]})";

// The real server with only Anthropic configured, in front of a fake one.
class AnthropicTest : public ProviderTest {
 protected:
  AnthropicTest()
      : ProviderTest(
            JsonHandler(200, AnthropicMessage("Hello!")),
            [](const std::string& url) {
              return ServerProcess::Env{{"ANTHROPIC_API_KEY", kAnthropicKey},
                                        {"ANTHROPIC_BASE_URL", url}};
            },
            kAnthropicKey) {}
};

TEST_F(AnthropicTest, ChatTranslatesBothWays) {
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(kHello, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.choices(0).message().content(), "Hello!");
  EXPECT_EQ(response.choices(0).finish_reason(), "stop");
  EXPECT_EQ(response.usage().prompt_tokens(), 16);
  EXPECT_EQ(response.usage().completion_tokens(), 5);
  EXPECT_EQ(response.usage().total_tokens(), 21);
  EXPECT_EQ(response.usage().prompt_tokens_details().cached_tokens(), 4);
  EXPECT_EQ(response.model(), "claude-sonnet-4-5-20250929");
  EXPECT_EQ(response.provider(), "anthropic");
  EXPECT_GT(response.created(), 1700000000);

  RecordedRequest seen = upstream_.requests().at(0);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.path, "/v1/messages");
  EXPECT_EQ(seen.Header("x-api-key"), kAnthropicKey);
  EXPECT_EQ(seen.Header("anthropic-version"), "2023-06-01");
  EXPECT_EQ(seen.Header("content-type"), "application/json");
  EXPECT_EQ(seen.Header("authorization"), "");
  EXPECT_EQ(seen.body,
            R"({"model":"claude-sonnet-4-5","max_tokens":4096,)"
            R"("system":[{"type":"text","text":"Be brief."}],"messages":[)"
            R"({"role":"user","content":[{"type":"text","text":"Hello!"}]}]})");
}

TEST_F(AnthropicTest, MultiTurnToolRoundTripBody) {
  v1::ChatCompletionResponse response;
  ASSERT_TRUE(Chat(R"({"model":"anthropic/claude-sonnet-4-5","messages":[
    {"role":"user","content":"Weather in Paris and Rome?"},
    {"role":"assistant","content":"","thinking_blocks":[
      {"type":"thinking","thinking":"Two calls.","signature":"sig1"}],
     "tool_calls":[
      {"id":"toolu_1","type":"function","function":{"name":"w","arguments":"{\"city\":\"Paris\"}"}},
      {"id":"toolu_2","type":"function","function":{"name":"w","arguments":""}}]},
    {"role":"tool","tool_call_id":"toolu_1","content":"18C"},
    {"role":"tool","tool_call_id":"toolu_2","content":"22C"}],
    "tools":[{"type":"function","function":{"name":"w"}}],
    "reasoning_effort":"low","max_completion_tokens":500})",
                   &response)
                  .ok());
  EXPECT_EQ(
      upstream_.requests().at(0).body,
      R"({"model":"claude-sonnet-4-5","max_tokens":1524,"messages":[)"
      R"({"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"}]},)"
      R"({"role":"assistant","content":[)"
      R"({"type":"thinking","thinking":"Two calls.","signature":"sig1"},)"
      R"({"type":"tool_use","id":"toolu_1","name":"w","input":{"city":"Paris"}},)"
      R"({"type":"tool_use","id":"toolu_2","name":"w","input":{}}]},)"
      R"({"role":"user","content":[)"
      R"({"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},)"
      R"({"type":"tool_result","tool_use_id":"toolu_2","content":"22C"}]}],)"
      R"("thinking":{"type":"enabled","budget_tokens":1024},)"
      R"("tools":[{"name":"w","input_schema":{"type":"object"}}]})");
}

TEST_F(AnthropicTest, UnsupportedParameterFailsBeforeAnyUpstreamCall) {
  v1::ChatCompletionResponse response;
  grpc::Status status =
      Chat(R"({"model":"anthropic/claude-sonnet-4-5","temperature":1.5,)"
           R"("messages":[{"role":"user","content":"Hi"}]})",
           &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(status.error_message(), "temperature"))
      << status.error_message();
  EXPECT_EQ(upstream_.request_count(), 0);
}

TEST_F(AnthropicTest, OverloadedIsUnavailable) {
  upstream_.set_handler(
      JsonHandler(529, AnthropicError("overloaded_error", "Overloaded")));
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(kHello, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(status.error_message(),
            "anthropic: Overloaded (type: overloaded_error) (HTTP 529)");
}

TEST_F(AnthropicTest, RateLimitKeepsRetryAfterAndHidesTheKey) {
  upstream_.set_handler(
      JsonHandler(429,
                  AnthropicError("rate_limit_error",
                                 absl::StrCat("Slow down ", kAnthropicKey)),
                  {{"retry-after", "7"}}));
  std::vector<v1::ChatCompletionChunk> chunks;
  auto context = Context();
  grpc::Status status = Stream(kHello, &chunks, context.get());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_FALSE(absl::StrContains(status.error_message(), kAnthropicKey));
  EXPECT_TRUE(chunks.empty());
  auto retry = context->GetServerTrailingMetadata().find("retry-after");
  ASSERT_NE(retry, context->GetServerTrailingMetadata().end());
  EXPECT_EQ(std::string(retry->second.data(), retry->second.size()), "7");
}

TEST_F(AnthropicTest, StreamSplitAtAwkwardOffsetsStillDecodes) {
  std::string all;
  for (const auto& e : AnthropicTextStream({"héllo ", "世界", " 🎉!"})) all += e;
  upstream_.set_handler(SplitSseHandler(all));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(kHello, &chunks);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StreamedText(chunks), "héllo 世界 🎉!");
  ASSERT_GE(chunks.size(), 3u);
  EXPECT_EQ(chunks.front().choices(0).delta().role(), "assistant");
  EXPECT_EQ(chunks[chunks.size() - 2].choices(0).finish_reason(), "stop");
  // Usage on the final chunk: prompt from message_start (25 + 100 cached),
  // completion from message_delta.
  const v1::ChatCompletionChunk& last = chunks.back();
  EXPECT_EQ(last.choices_size(), 0);
  EXPECT_EQ(last.usage().prompt_tokens(), 125);
  EXPECT_EQ(last.usage().completion_tokens(), 42);
  EXPECT_EQ(last.usage().total_tokens(), 167);
  EXPECT_EQ(last.usage().prompt_tokens_details().cached_tokens(), 100);
  EXPECT_EQ(last.provider(), "anthropic");
  EXPECT_TRUE(
      absl::EndsWith(upstream_.requests().at(0).body, R"("stream":true})"));
}

TEST_F(AnthropicTest, StreamsParallelToolCallsByToolIndex) {
  upstream_.set_handler(SseHandler(
      {MessageStartEvent(),
       BlockStartEvent(0, R"({"type":"thinking","thinking":""})"),
       BlockDeltaEvent(0, R"({"type":"thinking_delta","thinking":"Both."})"),
       BlockDeltaEvent(0, R"({"type":"signature_delta","signature":"sig"})"),
       BlockStopEvent(0), BlockStartEvent(1, R"({"type":"text","text":""})"),
       BlockDeltaEvent(1, R"({"type":"text_delta","text":"Checking."})"),
       BlockStopEvent(1),
       BlockStartEvent(
           2, R"({"type":"tool_use","id":"toolu_a","name":"w","input":{}})"),
       BlockDeltaEvent(
           2, R"({"type":"input_json_delta","partial_json":"{\"city\":"})"),
       BlockDeltaEvent(
           2, R"({"type":"input_json_delta","partial_json":"\"Paris\"}"})"),
       BlockStopEvent(2),
       BlockStartEvent(
           3, R"({"type":"tool_use","id":"toolu_b","name":"t","input":{}})"),
       BlockStopEvent(3), MessageEndEvents("tool_use")}));
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(Stream(kHello, &chunks).ok());
  std::map<int, std::string> args, names, ids;
  std::string finish, reasoning, signature;
  for (const auto& chunk : chunks) {
    for (const auto& choice : chunk.choices()) {
      for (const auto& call : choice.delta().tool_calls()) {
        args[call.index()] += call.function().arguments();
        names[call.index()] += call.function().name();
        ids[call.index()] += call.id();
      }
      reasoning += choice.delta().reasoning_content();
      for (const auto& block : choice.delta().thinking_blocks()) {
        signature += block.signature();
      }
      if (choice.has_finish_reason()) finish = choice.finish_reason();
    }
  }
  ASSERT_EQ(args.size(), 2u);  // indices 0 and 1, not blocks 2 and 3
  EXPECT_EQ(args[0], R"({"city":"Paris"})");
  EXPECT_EQ(args[1], "{}");
  EXPECT_EQ(names[0], "w");
  EXPECT_EQ(names[1], "t");
  EXPECT_EQ(ids[0], "toolu_a");
  EXPECT_EQ(ids[1], "toolu_b");
  EXPECT_EQ(reasoning, "Both.");
  EXPECT_EQ(signature, "sig");
  EXPECT_EQ(StreamedText(chunks), "Checking.");
  EXPECT_EQ(finish, "tool_calls");
}

struct ErrorEventCase {
  std::string type;
  grpc::StatusCode code;
};

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const ErrorEventCase& c, std::ostream* os) { *os << c.type; }

class AnthropicStreamErrorTest
    : public AnthropicTest,
      public ::testing::WithParamInterface<ErrorEventCase> {};

TEST_P(AnthropicStreamErrorTest, ErrorEventEndsTheCallWithItsStatus) {
  std::vector<std::string> events = AnthropicTextStream({"partial", "never"});
  events.resize(4);  // message_start, ping, block start, "partial"
  events.push_back(AnthropicEvent(
      "error", AnthropicError(GetParam().type, "Something went wrong")));
  upstream_.set_handler(SseHandler(events));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(kHello, &chunks);
  EXPECT_EQ(status.error_code(), GetParam().code) << status.error_message();
  EXPECT_EQ(status.error_message(),
            absl::StrCat("anthropic: Something went wrong (type: ",
                         GetParam().type, ")"));
  EXPECT_EQ(StreamedText(chunks), "partial");
}

INSTANTIATE_TEST_SUITE_P(
    Types, AnthropicStreamErrorTest,
    ::testing::Values(ErrorEventCase{"overloaded_error",
                                     grpc::StatusCode::UNAVAILABLE},
                      ErrorEventCase{"rate_limit_error",
                                     grpc::StatusCode::RESOURCE_EXHAUSTED},
                      ErrorEventCase{"invalid_request_error",
                                     grpc::StatusCode::INVALID_ARGUMENT}),
    [](const ::testing::TestParamInfo<ErrorEventCase>& info) {
      return info.param.type;
    });

TEST_F(AnthropicTest, StreamCutBeforeMessageStopIsUnavailable) {
  std::vector<std::string> events = AnthropicTextStream({"partial"});
  events.pop_back();  // no message_delta / message_stop
  upstream_.set_handler(SseHandler(events, absl::ZeroDuration(), true));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(kHello, &chunks);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(StreamedText(chunks), "partial");
}

TEST_F(AnthropicTest, ListModels) {
  upstream_.set_handler(JsonHandler(200, R"({"data":[
    {"type":"model","id":"claude-sonnet-4-5-20250929","display_name":"Claude Sonnet 4.5",
     "created_at":"2025-09-29T00:00:00Z"}],"has_more":false})"));
  v1::ListModelsResponse response;
  auto context = Context();
  ASSERT_TRUE(
      stub_->ListModels(context.get(), v1::ListModelsRequest(), &response)
          .ok());
  ASSERT_EQ(response.data_size(), 1);
  EXPECT_EQ(response.data(0).id(), "anthropic/claude-sonnet-4-5-20250929");
  EXPECT_EQ(response.data(0).created(), 1759104000);
  RecordedRequest seen = upstream_.requests().at(0);
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.path, "/v1/models?limit=1000");
  EXPECT_EQ(seen.Header("x-api-key"), kAnthropicKey);
  EXPECT_EQ(seen.Header("anthropic-version"), "2023-06-01");
}

}  // namespace
}  // namespace literllm::testing
