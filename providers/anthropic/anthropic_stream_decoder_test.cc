#include "providers/anthropic/anthropic_stream_decoder.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

constexpr int64_t kCreated = 1741570283;

AnthropicStreamDecoder Decoder() {
  return AnthropicStreamDecoder(
      {"anthropic", "sk-ant-test-key-123456", "https://api.anthropic.com"},
      kCreated);
}

StreamEvent Event(std::string name, std::string data) {
  return StreamEvent{std::move(name), std::move(data), ""};
}

constexpr char kMessageStart[] =
    R"({"type":"message_start","message":{"id":"m","model":"c"}})";

class StreamGoldenTest : public testing::TestWithParam<std::string> {};

// testdata/streams/<case>.sse is Anthropic's SSE body; <case>.chunks.jsonl
// holds the expected ChatCompletionChunks, one proto3 JSON per line.
TEST_P(StreamGoldenTest, DecodesEventByEvent) {
  AnthropicStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  for (const StreamEvent& event : SplitSseEvents(
           ReadGolden(absl::StrCat("streams/", GetParam(), ".sse")))) {
    absl::Status status = decoder.Decode(event, chunks);
    ASSERT_TRUE(status.ok()) << status << " at " << event.data;
  }
  EXPECT_TRUE(decoder.Finish().ok());

  std::vector<std::string> expected =
      ReadGoldenLines(absl::StrCat("streams/", GetParam(), ".chunks.jsonl"));
  ASSERT_EQ(chunks.size(), expected.size());
  for (size_t i = 0; i < chunks.size(); ++i) {
    v1::ChatCompletionChunk want;
    ProtoFromJson(expected[i], want);
    EXPECT_TRUE(ProtoEquals(want, chunks[i])) << "chunk " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(AnthropicGolden, StreamGoldenTest,
                         testing::Values("full", "redacted_and_bare_tool",
                                         "server_tools"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

TEST(AnthropicStreamDecoderTest, ErrorEventEndsTheStream) {
  AnthropicStreamDecoder decoder = Decoder();
  std::vector<StreamEvent> events =
      SplitSseEvents(ReadGolden("streams/error.sse"));
  ASSERT_EQ(events.size(), 4u);
  std::vector<v1::ChatCompletionChunk> chunks;
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(decoder.Decode(events[i], chunks).ok());
  }
  absl::Status status = decoder.Decode(events[3], chunks);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "anthropic: Overloaded (type: overloaded_error)");
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[1].choices(0).delta().content(), "Once upon");
}

TEST(AnthropicStreamDecoderTest, EventNameServesWhenDataHasNoType) {
  AnthropicStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  absl::Status status = decoder.Decode(
      Event("error",
            R"({"error":{"type":"rate_limit_error","message":"Slow"}})"),
      chunks);
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
}

TEST(AnthropicStreamDecoderTest, StreamWithoutMessageStopIsUnavailable) {
  AnthropicStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(
      decoder.Decode(Event("message_start", kMessageStart), chunks).ok());
  ASSERT_TRUE(
      decoder
          .Decode(Event("message_delta", R"({"type":"message_delta","delta":)"
                                         R"({"stop_reason":"end_turn"}})"),
                  chunks)
          .ok());
  absl::Status status = decoder.Finish();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "anthropic: stream ended before message_stop");
}

TEST(AnthropicStreamDecoderTest, OnlyTheFirstStopReasonFinishes) {
  AnthropicStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  for (const char* data :
       {R"({"type":"message_delta","delta":{"stop_reason":"end_turn"}})",
        R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},)"
        R"("usage":{"output_tokens":7}})",
        R"({"type":"message_stop"})"}) {
    ASSERT_TRUE(decoder.Decode(Event("", data), chunks).ok()) << data;
  }
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].choices(0).finish_reason(), "stop");
  EXPECT_EQ(chunks[1].usage().completion_tokens(), 7);
}

TEST(AnthropicStreamDecoderTest, MessageDeltaMayUpdateInputUsage) {
  AnthropicStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  for (const char* data :
       {R"({"type":"message_start","message":{"usage":{"input_tokens":3}}})",
        R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},)"
        R"("usage":{"input_tokens":5,)"
        R"("cache_read_input_tokens":100,"output_tokens":9}})",
        R"({"type":"message_stop"})"}) {
    ASSERT_TRUE(decoder.Decode(Event("", data), chunks).ok()) << data;
  }
  const v1::Usage& usage = chunks.back().usage();
  EXPECT_EQ(usage.prompt_tokens(), 105);
  EXPECT_EQ(usage.completion_tokens(), 9);
  EXPECT_EQ(usage.total_tokens(), 114);
}

TEST(AnthropicStreamDecoderTest, EventsAfterMessageStopAreIgnored) {
  AnthropicStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(decoder
                  .Decode(Event("", R"({"type":"message_delta","delta":)"
                                    R"({"stop_reason":"end_turn"}})"),
                          chunks)
                  .ok());
  ASSERT_TRUE(
      decoder
          .Decode(Event("message_stop", R"({"type":"message_stop"})"), chunks)
          .ok());
  ASSERT_TRUE(decoder.Decode(Event("", "not json"), chunks).ok());
  EXPECT_EQ(chunks.size(), 2u);
  EXPECT_TRUE(decoder.Finish().ok());
}

TEST(AnthropicStreamDecoderTest, MalformedEventsAreInternal) {
  struct Bad {
    const char* data;
    const char* why;
  };
  for (const Bad& bad : {
           Bad{R"({"type":"message_start")", "invalid JSON"},
           Bad{R"({"type":"message_start"})", "no \"message\" object"},
           Bad{R"({"type":"content_block_delta","index":4,"delta":)"
               R"({"type":"text_delta","text":"x"}})",
               "no open content block at index 4"},
           Bad{R"({"type":"content_block_stop"})",
               "no open content block at index (none)"},
           Bad{R"({"type":"content_block_start","index":0})",
               "no \"index\" or \"content_block\""},
           Bad{R"({"type":"content_block_start","index":"0",)"
               R"("content_block":{"type":"text"}})",
               "no \"index\" or \"content_block\""},
           Bad{R"({"type":"message_delta","delta":{"stop_reason":7}})",
               "member \"stop_reason\": expected string"},
           Bad{R"({"type":"message_stop"})",
               "message_stop before any stop_reason"},
       }) {
    AnthropicStreamDecoder decoder = Decoder();
    std::vector<v1::ChatCompletionChunk> chunks;
    absl::Status status = decoder.Decode(Event("", bad.data), chunks);
    EXPECT_EQ(status.code(), absl::StatusCode::kInternal) << bad.data;
    EXPECT_TRUE(absl::StartsWith(
        status.message(),
        absl::StrCat("anthropic: could not parse stream event: ", bad.why)))
        << status;
  }
}

// The stream's answer is the unary one's: ParseAnthropicChatResponse of the
// same message (responses/server_tools) gives the same text, calls and usage.
TEST(AnthropicStreamDecoderTest, ServerToolBlocksAddNothing) {
  for (const char* type :
       {"server_tool_use", "mcp_tool_use", "web_search_tool_result",
        "code_execution_tool_result", "some_future_block"}) {
    AnthropicStreamDecoder decoder = Decoder();
    std::vector<v1::ChatCompletionChunk> chunks;
    for (const std::string& data : {
             absl::StrCat(R"({"type":"content_block_start","index":0,)",
                          R"("content_block":{"type":")", type,
                          R"(","id":"srvtoolu_1","name":"web_search"}})"),
             std::string(R"({"type":"content_block_delta","index":0,"delta":)"
                         R"({"type":"input_json_delta","partial_json":"{"}})"),
             std::string(R"({"type":"content_block_delta","index":0,"delta":)"
                         R"({"type":"some_future_delta","x":1}})"),
             std::string(R"({"type":"content_block_stop","index":0})"),
         }) {
      absl::Status status = decoder.Decode(Event("", data), chunks);
      EXPECT_TRUE(status.ok()) << type << ": " << status;
    }
    EXPECT_TRUE(chunks.empty()) << type;
  }
}

TEST(AnthropicStreamDecoderTest, ToolIndexCountsToolBlocksOnly) {
  AnthropicStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  // Blocks 0 (text) and 2 (thinking) sit between the calls at 1 and 3.
  for (int block : {0, 1, 2, 3}) {
    const char* type = block % 2 ? "tool_use" : (block ? "thinking" : "text");
    ASSERT_TRUE(decoder
                    .Decode(Event("", absl::StrCat(
                                          R"({"type":"content_block_start",)",
                                          R"("index":)", block,
                                          R"(,"content_block":{"type":")", type,
                                          R"(","id":"t)", block, R"("}})")),
                            chunks)
                    .ok());
  }
  ASSERT_EQ(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].choices(0).delta().tool_calls(0).index(), 0);
  EXPECT_EQ(chunks[0].choices(0).delta().tool_calls(0).id(), "t1");
  EXPECT_EQ(chunks[1].choices(0).delta().tool_calls(0).index(), 1);
  EXPECT_EQ(chunks[1].choices(0).delta().tool_calls(0).id(), "t3");
}

}  // namespace
}  // namespace literllm
