#include "providers/openai/openai_stream_decoder.h"

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

OpenAiStreamDecoder Decoder(std::string provider = "openai",
                            const OpenAiDialect& dialect = {}) {
  return OpenAiStreamDecoder(
      {std::move(provider), "sk-test-key-123456", "https://api.openai.com/v1"},
      dialect);
}

// Perplexity's streams end without [DONE].
OpenAiDialect NoDone() { return OpenAiDialect().NoDoneMarker(); }

StreamEvent Data(std::string data) {
  return StreamEvent{"", std::move(data), ""};
}

struct StreamCase {
  std::string name;
  std::string provider;
  OpenAiDialect dialect = {};  // only what the decoder reads matters
};

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const StreamCase& c, std::ostream* os) { *os << c.name; }

class StreamGoldenTest : public testing::TestWithParam<StreamCase> {};

// testdata/streams/<case>.sse is the provider's SSE body; <case>.chunks.jsonl
// holds the expected ChatCompletionChunks, one proto3 JSON per line.
TEST_P(StreamGoldenTest, DecodesEventByEvent) {
  const StreamCase& c = GetParam();
  OpenAiStreamDecoder decoder = Decoder(c.provider, c.dialect);
  std::vector<v1::ChatCompletionChunk> chunks;
  for (const StreamEvent& event :
       SplitSseEvents(ReadGolden(absl::StrCat("streams/", c.name, ".sse")))) {
    ASSERT_TRUE(decoder.Decode(event, chunks).ok()) << event.data;
  }
  EXPECT_TRUE(decoder.Finish().ok());

  std::vector<std::string> expected =
      ReadGoldenLines(absl::StrCat("streams/", c.name, ".chunks.jsonl"));
  ASSERT_EQ(chunks.size(), expected.size());
  for (size_t i = 0; i < chunks.size(); ++i) {
    v1::ChatCompletionChunk want;
    ProtoFromJson(expected[i], want);
    EXPECT_TRUE(ProtoEquals(want, chunks[i])) << "chunk " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Golden, StreamGoldenTest,
    testing::Values(StreamCase{"text", "openai"},
                    StreamCase{"tool_calls", "openai"},
                    StreamCase{"compat_reasoning", "deepseek"},
                    StreamCase{"compat_choices_null", "vllm"},
                    StreamCase{"groq_x_groq", "groq"},
                    StreamCase{"perplexity_usage_every_chunk", "perplexity",
                               NoDone()},
                    StreamCase{"perplexity_no_done", "perplexity", NoDone()},
                    StreamCase{"xai_usage_before_last", "xai"},
                    StreamCase{"xai_reasoning_outside_completion", "xai"},
                    StreamCase{"openrouter_reasoning", "openrouter"},
                    StreamCase{"openrouter_cache_write", "openrouter"},
                    StreamCase{"ollama_role_every_delta", "ollama"},
                    StreamCase{"mistral_thinking", "mistral"}),
    [](const testing::TestParamInfo<StreamCase>& info) {
      return info.param.name;
    });

TEST(OpenAiStreamDecoderTest, MidStreamErrorEndsTheStream) {
  OpenAiStreamDecoder decoder = Decoder();
  std::vector<StreamEvent> events =
      SplitSseEvents(ReadGolden("streams/midstream_error.sse"));
  ASSERT_EQ(events.size(), 2u);
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(decoder.Decode(events[0], chunks).ok());
  absl::Status status = decoder.Decode(events[1], chunks);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(),
            "openai: The server had an error while processing your request. "
            "Sorry about that!");
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].choices(0).delta().content(), "Once upon");
}

TEST(OpenAiStreamDecoderTest, ErrorEventCodeFollowsTypeAndCode) {
  struct Case {
    std::string error;
    absl::StatusCode code;
    std::string message;
  };
  for (
      const Case& c : std::vector<Case>{
          {R"({"message":"Slow down","type":"tokens","code":"rate_limit_exceeded"})",
           absl::StatusCode::kResourceExhausted,
           "openai: Slow down (code: rate_limit_exceeded)"},
          {R"({"message":"No quota","type":"insufficient_quota","code":null})",
           absl::StatusCode::kResourceExhausted, "openai: No quota"},
          {R"({"message":"Too long","type":"invalid_request_error","code":"context_length_exceeded"})",
           absl::StatusCode::kInvalidArgument,
           "openai: Too long (code: context_length_exceeded)"},
          {R"({"message":"Bad","type":"invalid_request_error"})",
           absl::StatusCode::kInvalidArgument, "openai: Bad"},
          {R"({"message":"Bad key","type":"invalid_request_error","code":"invalid_api_key"})",
           absl::StatusCode::kUnauthenticated,
           "openai: Bad key (code: invalid_api_key)"},
          {R"({"message":"Who?","type":"authentication_error"})",
           absl::StatusCode::kUnauthenticated, "openai: Who?"},
          {R"({"message":"Upstream busy","code":429})",
           absl::StatusCode::kResourceExhausted,
           "openai: Upstream busy (code: 429)"},
          {R"({"message":"Oops","code":502})", absl::StatusCode::kUnavailable,
           "openai: Oops (code: 502)"},
          {R"({"type":"server_error"})", absl::StatusCode::kUnavailable,
           "openai: error event in stream"},
          {R"("overloaded")", absl::StatusCode::kUnavailable,
           "openai: overloaded"},
      }) {
    OpenAiStreamDecoder decoder = Decoder();
    std::vector<v1::ChatCompletionChunk> chunks;
    absl::Status status = decoder.Decode(
        Data(absl::StrCat(R"({"error":)", c.error, "}")), chunks);
    EXPECT_EQ(status.code(), c.code) << c.error;
    EXPECT_EQ(status.message(), c.message) << c.error;
    EXPECT_TRUE(chunks.empty());
  }
}

TEST(OpenAiStreamDecoderTest, MalformedEventsAreInternal) {
  for (absl::string_view data :
       {R"({"id":"x","choices":[{"delta":{"content":"Hi"})", R"([1])",
        R"({"choices":{}})",
        R"({"choices":[{"delta":{"tool_calls":[{"index":"0"}]}}]})"}) {
    OpenAiStreamDecoder decoder = Decoder();
    std::vector<v1::ChatCompletionChunk> chunks;
    absl::Status status = decoder.Decode(Data(std::string(data)), chunks);
    EXPECT_EQ(status.code(), absl::StatusCode::kInternal) << data;
    EXPECT_TRUE(absl::StartsWith(status.message(),
                                 "openai: could not parse stream event: "))
        << status;
  }
}

TEST(OpenAiStreamDecoderTest, StreamWithoutDoneIsUnavailable) {
  OpenAiStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(
      decoder
          .Decode(Data(R"({"choices":[{"index":0,"delta":{"content":"Hi"}}]})"),
                  chunks)
          .ok());
  absl::Status status = decoder.Finish();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "openai: stream ended before [DONE]");
}

TEST(OpenAiStreamDecoderTest, FinishReasonWithoutDoneIsUnavailable) {
  // Only a dialect without [DONE] takes a finish reason for the end.
  OpenAiStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(decoder
                  .Decode(Data(R"({"choices":[{"index":0,"delta":{},)"
                               R"("finish_reason":"stop"}],)"
                               R"("usage":{"total_tokens":3}})"),
                          chunks)
                  .ok());
  EXPECT_EQ(decoder.Finish().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(chunks.size(), 1u);  // the usage waits for [DONE]
}

TEST(OpenAiStreamDecoderTest, WithoutDoneMarkerACutStreamIsUnavailable) {
  OpenAiStreamDecoder decoder = Decoder("perplexity", NoDone());
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(decoder
                  .Decode(Data(R"({"id":"p","choices":[{"index":0,"delta":)"
                               R"({"content":"Par"}}],)"
                               R"("usage":{"total_tokens":3}})"),
                          chunks)
                  .ok());
  absl::Status status = decoder.Finish();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(),
            "perplexity: stream ended before a finish_reason");
  EXPECT_EQ(chunks.size(), 1u);  // no usage chunk for a cut stream
}

TEST(OpenAiStreamDecoderTest, WithoutDoneMarkerUsageAfterTheFinishEndsIt) {
  OpenAiStreamDecoder decoder = Decoder("perplexity", NoDone());
  std::vector<v1::ChatCompletionChunk> chunks;
  for (const char* data : {
           // Usage before the finish is not the final count.
           R"({"id":"p","choices":[{"index":0,"delta":{"content":"Hi"}}],)"
           R"("usage":{"completion_tokens":1}})",
           R"({"id":"p","choices":[{"index":0,"delta":{},)"
           R"("finish_reason":"stop"}]})",
           R"({"id":"p","choices":[],"usage":{"completion_tokens":2}})",
           R"({"id":"p","choices":[],"usage":{"completion_tokens":9}})",
       }) {
    ASSERT_TRUE(decoder.Decode(Data(data), chunks).ok()) << data;
  }
  EXPECT_TRUE(decoder.Finish().ok());
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[1].choices(0).finish_reason(), "stop");
  EXPECT_EQ(chunks[2].choices_size(), 0);
  EXPECT_EQ(chunks[2].usage().completion_tokens(), 2);
}

TEST(OpenAiStreamDecoderTest, WithoutDoneMarkerEveryChoiceMustFinish) {
  OpenAiStreamDecoder decoder = Decoder("perplexity", NoDone());
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(decoder
                  .Decode(Data(R"({"choices":[{"index":0,"delta":{"content":)"
                               R"("A"}},{"index":1,"delta":{"content":"B"},)"
                               R"("finish_reason":"stop"}],)"
                               R"("usage":{"total_tokens":3}})"),
                          chunks)
                  .ok());
  EXPECT_EQ(decoder.Finish().code(), absl::StatusCode::kUnavailable);
  ASSERT_TRUE(decoder
                  .Decode(Data(R"({"choices":[{"index":0,"delta":{},)"
                               R"("finish_reason":"length"}]})"),
                          chunks)
                  .ok());
  // Finished, with no usage after the finish: complete, and no usage chunk.
  EXPECT_TRUE(decoder.Finish().ok());
  EXPECT_EQ(chunks.size(), 2u);
}

TEST(OpenAiStreamDecoderTest, RoleOnlyOnTheFirstDeltaOfEachChoice) {
  OpenAiStreamDecoder decoder = Decoder("openrouter");
  std::vector<v1::ChatCompletionChunk> chunks;
  for (
      const char* data : {
          R"({"choices":[{"index":0,"delta":{"role":"assistant","content":"A"}}]})",
          R"({"choices":[{"index":1,"delta":{"role":"assistant","content":"B"}},)"
          R"({"index":0,"delta":{"role":"assistant","content":"a"}}]})",
          R"({"choices":[{"index":1,"delta":{"role":"assistant","content":"b"}}]})",
      }) {
    ASSERT_TRUE(decoder.Decode(Data(data), chunks).ok()) << data;
  }
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].choices(0).delta().role(), "assistant");
  EXPECT_EQ(chunks[1].choices(0).delta().role(), "assistant");  // choice 1
  EXPECT_FALSE(chunks[1].choices(1).delta().has_role());
  EXPECT_EQ(chunks[1].choices(1).delta().content(), "a");
  EXPECT_FALSE(chunks[2].choices(0).delta().has_role());
}

TEST(OpenAiStreamDecoderTest, EventsWithoutPayloadProduceNothing) {
  OpenAiStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  for (const char* data : {"", " \n", R"({"choices":[],"usage":null})",
                           R"({"id":"x","object":"chat.completion.chunk"})"}) {
    EXPECT_TRUE(decoder.Decode(Data(data), chunks).ok()) << data;
  }
  EXPECT_TRUE(chunks.empty());
}

TEST(OpenAiStreamDecoderTest, EventsAfterDoneAreIgnored) {
  OpenAiStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(decoder.Decode(Data("[DONE]"), chunks).ok());
  ASSERT_TRUE(decoder.Decode(Data("not json"), chunks).ok());
  EXPECT_TRUE(chunks.empty());
  EXPECT_TRUE(decoder.Finish().ok());
}

TEST(OpenAiStreamDecoderTest, RefusalDelta) {
  OpenAiStreamDecoder decoder = Decoder();
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(decoder
                  .Decode(Data(R"({"choices":[{"index":0,"delta":)"
                               R"({"content":null,"refusal":"I can't"}}]})"),
                          chunks)
                  .ok());
  ASSERT_EQ(chunks.size(), 1u);
  const v1::Delta& delta = chunks[0].choices(0).delta();
  EXPECT_FALSE(delta.has_content());
  EXPECT_EQ(delta.refusal(), "I can't");
  EXPECT_EQ(chunks[0].provider(), "openai");
}

}  // namespace
}  // namespace literllm
