#include "providers/gemini/gemini_stream_decoder.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "providers/http/sse_parser.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

constexpr int64_t kCreated = 1752000000;

GeminiStreamDecoder Decoder() {
  return GeminiStreamDecoder(
      {"gemini", "AIzaSy-test-key-0123456789", "https://x.test"}, kCreated);
}

StreamEvent Data(std::string data) {
  return StreamEvent{"", std::move(data), ""};
}

void ExpectChunks(const std::vector<v1::ChatCompletionChunk>& chunks,
                  const std::string& golden) {
  std::vector<std::string> expected = ReadGoldenLines(golden);
  ASSERT_EQ(chunks.size(), expected.size());
  for (size_t i = 0; i < chunks.size(); ++i) {
    v1::ChatCompletionChunk want;
    ProtoFromJson(expected[i], want);
    EXPECT_TRUE(ProtoEquals(want, chunks[i])) << "chunk " << i;
  }
}

class StreamGoldenTest : public testing::TestWithParam<std::string> {};

// testdata/streams/<case>.sse is Gemini's SSE body; <case>.chunks.jsonl
// holds the expected ChatCompletionChunks, one proto3 JSON per line.
TEST_P(StreamGoldenTest, DecodesEventByEvent) {
  GeminiStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  for (const StreamEvent& event : SplitSseEvents(
           ReadGolden(absl::StrCat("streams/", GetParam(), ".sse")))) {
    ASSERT_TRUE(decoder.Decode(event, chunks).ok()) << event.data;
  }
  EXPECT_TRUE(decoder.Finish().ok());
  ExpectChunks(chunks, absl::StrCat("streams/", GetParam(), ".chunks.jsonl"));
}

INSTANTIATE_TEST_SUITE_P(Gemini, StreamGoldenTest,
                         testing::Values("text", "function_call", "thought",
                                         "usage_updates", "safety",
                                         "two_candidates"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// The real SSE parser on CRLF-framed bytes split at every offset (also inside
// CRLF pairs and UTF-8 sequences) yields the same chunks as the LF stream.
TEST(GeminiStreamDecoderTest, CrlfFramingSplitAtEveryOffset) {
  std::string bytes = ReadGolden("streams/crlf.sse");
  ASSERT_TRUE(absl::StrContains(bytes, "\r\n\r\n"));
  for (size_t split = 1; split < bytes.size(); ++split) {
    SseParser parser;
    std::vector<StreamEvent> events;
    parser.Feed(absl::string_view(bytes).substr(0, split), events);
    parser.Feed(absl::string_view(bytes).substr(split), events);
    GeminiStreamDecoder decoder = Decoder();
    std::vector<v1::ChatCompletionChunk> chunks;
    for (const StreamEvent& event : events) {
      ASSERT_TRUE(decoder.Decode(event, chunks).ok()) << split;
    }
    ASSERT_TRUE(decoder.Finish().ok()) << split;
    ExpectChunks(chunks, "streams/text.chunks.jsonl");
    if (HasFailure()) {
      ADD_FAILURE() << "split at byte " << split;
      return;
    }
  }
}

TEST(GeminiStreamDecoderTest, MidStreamErrorEndsTheStream) {
  GeminiStreamDecoder decoder = Decoder();
  std::vector<StreamEvent> events =
      SplitSseEvents(ReadGolden("streams/midstream_error.sse"));
  ASSERT_EQ(events.size(), 2u);
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(decoder.Decode(events[0], chunks).ok());
  absl::Status status = decoder.Decode(events[1], chunks);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(),
            "gemini: The model is overloaded. Please try again later. "
            "(UNAVAILABLE)");
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].choices(0).delta().content(), "Once upon");
}

TEST(GeminiStreamDecoderTest, ErrorEventCodeFollowsItsHttpCode) {
  struct Case {
    const char* error;
    absl::StatusCode code;
    const char* message;
  };
  for (
      const Case& c : {
          Case{
              R"({"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"})",
              absl::StatusCode::kResourceExhausted,
              "gemini: Quota exceeded (RESOURCE_EXHAUSTED)"},
          Case{R"({"code":400,"message":"Bad","status":"INVALID_ARGUMENT"})",
               absl::StatusCode::kInvalidArgument,
               "gemini: Bad (INVALID_ARGUMENT)"},
          Case{R"({"code":500,"message":"Internal error","status":"INTERNAL"})",
               absl::StatusCode::kUnavailable,
               "gemini: Internal error (INTERNAL)"},
          Case{R"({"code":400,"message":"Key?","status":"INVALID_ARGUMENT",)"
               R"("details":[{"reason":"API_KEY_INVALID"}]})",
               absl::StatusCode::kUnauthenticated,
               "gemini: Key? (INVALID_ARGUMENT: API_KEY_INVALID)"},
          Case{R"({})", absl::StatusCode::kUnavailable,
               "gemini: error event in stream"},
      }) {
    GeminiStreamDecoder decoder = Decoder();
    std::vector<v1::ChatCompletionChunk> chunks;
    absl::Status status = decoder.Decode(
        Data(absl::StrCat(R"({"error":)", c.error, "}")), chunks);
    EXPECT_EQ(status.code(), c.code) << c.error;
    EXPECT_EQ(status.message(), c.message) << c.error;
    EXPECT_TRUE(chunks.empty());
  }
}

TEST(GeminiStreamDecoderTest, BlockedPromptIsInvalidArgument) {
  GeminiStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  std::vector<StreamEvent> events =
      SplitSseEvents(ReadGolden("streams/blocked_prompt.sse"));
  ASSERT_EQ(events.size(), 1u);
  absl::Status status = decoder.Decode(events[0], chunks);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "gemini: prompt blocked by Gemini (blockReason: SAFETY)");
  EXPECT_TRUE(chunks.empty());
}

TEST(GeminiStreamDecoderTest, StreamCutBeforeFinishReasonIsUnavailable) {
  GeminiStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  for (const StreamEvent& event :
       SplitSseEvents(ReadGolden("streams/cut.sse"))) {
    ASSERT_TRUE(decoder.Decode(event, chunks).ok());
  }
  EXPECT_EQ(chunks.size(), 2u);
  for (const auto& chunk : chunks) EXPECT_FALSE(chunk.has_usage());
  absl::Status status = decoder.Finish();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "gemini: stream ended before a finishReason");
}

TEST(GeminiStreamDecoderTest, EmptyStreamIsUnavailable) {
  EXPECT_EQ(Decoder().Finish().code(), absl::StatusCode::kUnavailable);
}

TEST(GeminiStreamDecoderTest, OneUnfinishedCandidateKeepsTheStreamOpen) {
  GeminiStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(decoder
                  .Decode(Data(R"({"candidates":[{"index":0,"finishReason":)"
                               R"("STOP"},{"index":1,"content":{"parts":)"
                               R"([{"text":"x"}]}}],"usageMetadata":{}})"),
                          chunks)
                  .ok());
  EXPECT_EQ(chunks.size(), 1u);  // no usage chunk yet
  EXPECT_EQ(decoder.Finish().code(), absl::StatusCode::kUnavailable);
}

TEST(GeminiStreamDecoderTest, MalformedEventsAreInternal) {
  for (absl::string_view data :
       {R"({"candidates":[{"content":{"parts":[{"text":"Hi"})", R"([1])",
        R"({"candidates":{}})",
        R"({"candidates":[{"content":{"parts":[{"functionCall":[]}]}}]})",
        R"({"usageMetadata":{"promptTokenCount":"1"}})"}) {
    GeminiStreamDecoder decoder = Decoder();
    std::vector<v1::ChatCompletionChunk> chunks;
    absl::Status status = decoder.Decode(Data(std::string(data)), chunks);
    EXPECT_EQ(status.code(), absl::StatusCode::kInternal) << data;
    EXPECT_TRUE(absl::StartsWith(status.message(),
                                 "gemini: could not parse stream event: "))
        << status;
  }
}

TEST(GeminiStreamDecoderTest, EventsWithoutPayloadProduceNothing) {
  GeminiStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  for (const char* data : {"", " \r\n", R"({"responseId":"r"})",
                           R"({"candidates":[],"usageMetadata":{}})"}) {
    EXPECT_TRUE(decoder.Decode(Data(data), chunks).ok()) << data;
  }
  EXPECT_TRUE(chunks.empty());
}

}  // namespace
}  // namespace literllm
