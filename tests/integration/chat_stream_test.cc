// ChatStream through the real server to a fake OpenAI over loopback.
#include <thread>

#include "absl/strings/match.h"
#include "tests/integration/gateway_fixture.h"

namespace literllm::testing {
namespace {

constexpr char kHello[] =
    R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hello!"}]})";

TEST_F(GatewayTest, StreamsTextAndFinalUsage) {
  upstream_.set_handler(SseHandler(TextStream({"Hel", "lo", " wörld 🎉"})));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(Request(kHello), &chunks);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StreamedText(chunks), "Hello wörld 🎉");
  ASSERT_GE(chunks.size(), 3u);
  EXPECT_EQ(chunks.front().choices(0).delta().role(), "assistant");
  const auto& last = chunks.back();
  EXPECT_EQ(last.choices_size(), 0);
  EXPECT_EQ(last.usage().total_tokens(), 12);
  EXPECT_EQ(chunks[chunks.size() - 2].choices(0).finish_reason(), "stop");
  EXPECT_EQ(last.provider(), "openai");

  // Usage is always requested upstream, whatever the caller asked.
  const std::string body = upstream_.requests().at(0).body;
  EXPECT_TRUE(absl::StrContains(body, R"("stream":true)")) << body;
  EXPECT_TRUE(
      absl::StrContains(body, R"("stream_options":{"include_usage":true})"))
      << body;
}

TEST_F(GatewayTest, StreamsParallelToolCallDeltasByIndex) {
  upstream_.set_handler(SseHandler(
      {ChunkEvent(
           R"([{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}])"),
       ChunkEvent(
           R"([{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"finish_reason":null}])"),
       ChunkEvent(
           R"([{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":null}])"),
       ChunkEvent(
           R"([{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{}"}}]},"finish_reason":null}])"),
       ChunkEvent(R"([{"index":0,"delta":{},"finish_reason":"tool_calls"}])"),
       UsageEvent(), "data: [DONE]\n\n"}));
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(Stream(Request(kHello), &chunks).ok());
  std::map<int, std::string> args, names, ids;
  std::string finish;
  for (const auto& chunk : chunks) {
    for (const auto& choice : chunk.choices()) {
      for (const auto& call : choice.delta().tool_calls()) {
        args[call.index()] += call.function().arguments();
        names[call.index()] += call.function().name();
        ids[call.index()] += call.id();
      }
      if (choice.has_finish_reason()) finish = choice.finish_reason();
    }
  }
  EXPECT_EQ(args[0], R"({"city":"Paris"})");
  EXPECT_EQ(args[1], "{}");
  EXPECT_EQ(names[0], "get_weather");
  EXPECT_EQ(names[1], "get_time");
  EXPECT_EQ(ids[0], "call_a");
  EXPECT_EQ(ids[1], "call_b");
  EXPECT_EQ(finish, "tool_calls");
}

TEST_F(GatewayTest, EventsSplitAtEveryByteStillDecode) {
  std::string all;
  for (const auto& e : TextStream({"héllo ", "世界", " 🎉!"})) all += e;
  upstream_.set_handler(SplitSseHandler(all));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(Request(kHello), &chunks);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StreamedText(chunks), "héllo 世界 🎉!");
  EXPECT_EQ(chunks.back().usage().total_tokens(), 12);
}

TEST_F(GatewayTest, StreamCutBeforeDoneIsUnavailable) {
  std::vector<std::string> events = TextStream({"partial"});
  events.resize(2);  // role chunk and one content chunk, then the cut
  upstream_.set_handler(SseHandler(events, absl::ZeroDuration(), true));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(Request(kHello), &chunks);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_TRUE(absl::StartsWith(status.error_message(), "openai: "));
  EXPECT_EQ(StreamedText(chunks), "partial");
}

TEST_F(GatewayTest, StreamEndingCleanlyWithoutDoneIsUnavailable) {
  std::vector<std::string> events = TextStream({"partial"});
  events.pop_back();  // no [DONE], but the HTTP body ends properly
  upstream_.set_handler(SseHandler(events));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(Request(kHello), &chunks);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(absl::StrContains(status.error_message(), "[DONE]"))
      << status.error_message();
}

TEST_F(GatewayTest, MidStreamErrorEventEndsCall) {
  upstream_.set_handler(
      SseHandler({ContentEvent("a"),
                  "data: {\"error\":{\"message\":\"Rate limit "
                  "reached\",\"type\":\"rate_limit_error\","
                  "\"code\":\"rate_limit_exceeded\"}}\n\n",
                  ContentEvent("never")}));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(Request(kHello), &chunks);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(absl::StrContains(status.error_message(), "Rate limit reached"));
  EXPECT_EQ(StreamedText(chunks), "a");
}

TEST_F(GatewayTest, ErrorBeforeStreamMapsStatus) {
  upstream_.set_handler(JsonHandler(
      429, OpenAiError("Rate limit reached", "requests", "rate_limit_exceeded"),
      {{"retry-after", "3"}}));
  std::vector<v1::ChatCompletionChunk> chunks;
  auto context = Context();
  grpc::Status status = Stream(Request(kHello), &chunks, context.get());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(chunks.empty());
  auto retry = context->GetServerTrailingMetadata().find("retry-after");
  ASSERT_NE(retry, context->GetServerTrailingMetadata().end());
  EXPECT_EQ(std::string(retry->second.data(), retry->second.size()), "3");
}

TEST_F(GatewayTest, CancelledStreamClosesUpstreamConnection) {
  upstream_.set_handler(
      SseHandler(TextStream(std::vector<std::string>(200, "tok ")),
                 absl::Milliseconds(50)));
  auto context = Context(absl::Seconds(30));
  auto reader = stub_->ChatStream(context.get(), Request(kHello));
  v1::ChatCompletionChunk chunk;
  ASSERT_TRUE(reader->Read(&chunk));
  ASSERT_TRUE(reader->Read(&chunk));
  context->TryCancel();
  while (reader->Read(&chunk)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_TRUE(upstream_.WaitForPeerCloses(1, absl::Seconds(5)));
}

TEST_F(GatewayTest, StreamDeadlineIsDeadlineExceeded) {
  upstream_.set_handler(
      SseHandler(TextStream(std::vector<std::string>(200, "tok ")),
                 absl::Milliseconds(50)));
  std::vector<v1::ChatCompletionChunk> chunks;
  auto context = Context(absl::Milliseconds(400));
  grpc::Status status = Stream(Request(kHello), &chunks, context.get());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_FALSE(chunks.empty());
  EXPECT_TRUE(upstream_.WaitForPeerCloses(1, absl::Seconds(5)));
}

TEST_F(GatewayTest, SlowReaderGetsEveryChunkInOrder) {
  // Far more chunks than the server queues: the upstream transfer is paused
  // while the caller lags, and nothing is lost.
  std::vector<std::string> pieces;
  for (int i = 0; i < 600; ++i) pieces.push_back(std::to_string(i) + ",");
  upstream_.set_handler(SseHandler(TextStream(pieces)));
  auto context = Context(absl::Seconds(30));
  auto reader = stub_->ChatStream(context.get(), Request(kHello));
  std::vector<v1::ChatCompletionChunk> chunks;
  v1::ChatCompletionChunk chunk;
  while (reader->Read(&chunk)) {
    chunks.push_back(chunk);
    if (chunks.size() < 100) absl::SleepFor(absl::Milliseconds(2));
  }
  ASSERT_TRUE(reader->Finish().ok());
  std::string expected;
  for (const auto& p : pieces) expected += p;
  EXPECT_EQ(StreamedText(chunks), expected);
}

TEST_F(GatewayTest, TwoHundredConcurrentStreams) {
  upstream_.set_handler(
      SseHandler(TextStream({"a", "b", "c", "d"}), absl::Milliseconds(20)));
  ConcurrentStreams streams(server_, Request(kHello), 200, /*channels=*/4);
  EXPECT_EQ(streams.WaitAll(absl::Seconds(60)), 200);
  EXPECT_EQ(streams.CountWithText("abcd"), 200);
  EXPECT_EQ(upstream_.request_count(), 200);
}

}  // namespace
}  // namespace literllm::testing
