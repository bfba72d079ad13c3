#include "providers/http/eventstream_framing.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "providers/http/eventstream_message.h"
#include "providers/http/eventstream_testing.h"

namespace literllm {
namespace {

using ::testing::ElementsAre;
using ::testing::FieldsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Kind = StreamEvent::Kind;

// A ConverseStream answer as Bedrock frames it.
std::string ConverseStream() {
  return absl::StrCat(
      testing::BedrockEventFrame("messageStart",
                                 R"({"p":"abc","role":"assistant"})"),
      testing::BedrockEventFrame(
          "contentBlockDelta",
          R"({"contentBlockIndex":0,"delta":{"text":"Hi ✓"},"p":"ab"})"),
      testing::BedrockEventFrame("messageStop",
                                 R"({"p":"a","stopReason":"end_turn"})"),
      testing::BedrockEventFrame(
          "metadata", R"({"metrics":{"latencyMs":9},"usage":{"inputTokens":3,)"
                      R"("outputTokens":2,"totalTokens":5}})"));
}

std::vector<StreamEvent> FeedInPieces(absl::string_view bytes,
                                      std::vector<size_t> cuts,
                                      AwsEventStreamFramer& framer) {
  std::vector<StreamEvent> events;
  size_t start = 0;
  cuts.push_back(bytes.size());
  for (size_t cut : cuts) {
    framer.Feed(bytes.substr(start, cut - start), events);
    start = cut;
  }
  return events;
}

TEST(AwsEventStreamFramerTest, MapsEventsInOrder) {
  AwsEventStreamFramer framer;
  std::vector<StreamEvent> events = FeedInPieces(ConverseStream(), {}, framer);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_THAT(events[0],
              FieldsAre("messageStart", R"({"p":"abc","role":"assistant"})", "",
                        Kind::kEvent));
  EXPECT_EQ(events[1].type, "contentBlockDelta");
  EXPECT_EQ(events[2].type, "messageStop");
  EXPECT_EQ(events[3].type, "metadata");
  EXPECT_TRUE(framer.status().ok());
  EXPECT_TRUE(framer.Finish().ok());
}

TEST(AwsEventStreamFramerTest, SameEventsWhereverTheBytesAreSplit) {
  const std::string stream = ConverseStream();
  AwsEventStreamFramer whole;
  const std::vector<StreamEvent> expected = FeedInPieces(stream, {}, whole);
  for (size_t cut = 0; cut <= stream.size(); ++cut) {
    AwsEventStreamFramer framer;
    std::vector<StreamEvent> events = FeedInPieces(stream, {cut}, framer);
    ASSERT_EQ(events.size(), expected.size()) << "cut at " << cut;
    for (size_t i = 0; i < events.size(); ++i) {
      EXPECT_EQ(events[i].type, expected[i].type) << "cut at " << cut;
      EXPECT_EQ(events[i].data, expected[i].data) << "cut at " << cut;
    }
    EXPECT_TRUE(framer.Finish().ok());
  }
  std::vector<size_t> every_byte;
  for (size_t i = 1; i < stream.size(); ++i) every_byte.push_back(i);
  AwsEventStreamFramer byte_by_byte;
  EXPECT_EQ(FeedInPieces(stream, every_byte, byte_by_byte).size(), 4u);
}

TEST(AwsEventStreamFramerTest, BotocoresChunkedInitialResponse) {
  // botocore's test_event_stream_initial_response feeds it in 3 chunks.
  AwsEventStreamFramer framer;
  std::vector<StreamEvent> events =
      FeedInPieces(testing::kBotocoreInitialResponse, {29, 89}, framer);
  EXPECT_THAT(events,
              ElementsAre(FieldsAre("initial-response",
                                    R"({"InitialResponse": "sometext"})", "",
                                    Kind::kEvent)));
}

TEST(AwsEventStreamFramerTest, ExceptionAndErrorMessages) {
  AwsEventStreamFramer framer;
  std::vector<StreamEvent> events = FeedInPieces(
      absl::StrCat(
          testing::BedrockExceptionFrame("throttlingException",
                                         R"({"message":"Too many requests"})"),
          testing::kBotocoreError),
      {}, framer);
  EXPECT_THAT(events,
              ElementsAre(FieldsAre("throttlingException",
                                    R"({"message":"Too many requests"})", "",
                                    Kind::kException),
                          FieldsAre("code", "message", "", Kind::kError)));
}

void ExpectFailsAndStops(AwsEventStreamFramer& framer, absl::string_view why) {
  EXPECT_EQ(framer.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(framer.status().message(), HasSubstr(why));
  std::vector<StreamEvent> later;
  framer.Feed(testing::BedrockEventFrame("messageStop", "{}"), later);
  EXPECT_THAT(later, IsEmpty()) << "input after an error is ignored";
  EXPECT_EQ(framer.Finish(), framer.status());
}

TEST(AwsEventStreamFramerTest, PreludeCrcError) {
  std::string frame = testing::BedrockEventFrame("messageStart", "{}");
  frame[9] ^= 0x40;
  AwsEventStreamFramer framer;
  EXPECT_THAT(FeedInPieces(frame, {}, framer), IsEmpty());
  ExpectFailsAndStops(framer, "prelude CRC mismatch");
}

TEST(AwsEventStreamFramerTest, MessageCrcErrorAfterGoodEvents) {
  std::string bad = testing::BedrockEventFrame("messageStop", "{}");
  bad[bad.size() - 1] ^= 1;
  AwsEventStreamFramer framer;
  std::vector<StreamEvent> events = FeedInPieces(
      absl::StrCat(testing::BedrockEventFrame("messageStart", "{}"), bad), {},
      framer);
  EXPECT_THAT(events,
              ElementsAre(FieldsAre("messageStart", "{}", "", Kind::kEvent)));
  ExpectFailsAndStops(framer, "message CRC mismatch");
}

TEST(AwsEventStreamFramerTest, TooLargeLengthFailsBeforeBuffering) {
  AwsEventStreamFramer framer;
  std::vector<StreamEvent> events;
  framer.Feed(testing::PreludeWithCrc(kEventStreamMaxMessageBytes + 1, 0),
              events);
  EXPECT_THAT(events, IsEmpty());
  ExpectFailsAndStops(framer, "out of range");
}

TEST(AwsEventStreamFramerTest, HeaderOverrunAndUnknownMessageType) {
  AwsEventStreamFramer overrun;
  FeedInPieces(testing::FrameWithRawHeaders("\x09short", ""), {}, overrun);
  ExpectFailsAndStops(overrun, "runs past");

  AwsEventStreamFramer unknown;
  FeedInPieces(
      EncodeEventStreamMessage(
          {{{":message-type", EventStreamHeaderType::kString, 0, "surprise"}},
           ""}),
      {}, unknown);
  ExpectFailsAndStops(unknown, "unknown :message-type");
}

TEST(AwsEventStreamFramerTest, TruncatedInputWaitsThenFailsAtTheEnd) {
  const std::string frame = testing::BedrockEventFrame("messageStop", "{}");
  for (size_t length : {size_t{1}, size_t{11}, size_t{12}, frame.size() - 1}) {
    AwsEventStreamFramer framer;
    EXPECT_THAT(FeedInPieces(frame.substr(0, length), {}, framer), IsEmpty());
    EXPECT_TRUE(framer.status().ok()) << "waits for the rest";
    EXPECT_THAT(framer.Finish().message(), HasSubstr("ended inside a message"))
        << length;
  }
}

TEST(StreamFramingTest, FactoryBuildsEachFraming) {
  std::unique_ptr<StreamFramer> aws =
      NewStreamFramer(StreamFraming::kAwsEventStream);
  std::vector<StreamEvent> events;
  aws->Feed(testing::BedrockEventFrame("messageStop", "{}"), events);
  EXPECT_THAT(events,
              ElementsAre(FieldsAre("messageStop", "{}", "", Kind::kEvent)));

  std::unique_ptr<StreamFramer> sse = NewStreamFramer(StreamFraming::kSse);
  sse->Feed("data: partial", events);
  EXPECT_TRUE(sse->status().ok());
  EXPECT_TRUE(sse->Finish().ok()) << "SSE drops an unfinished event";
}

}  // namespace
}  // namespace literllm
