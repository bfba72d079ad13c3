#include "providers/http/eventstream_message.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "providers/http/eventstream_testing.h"

namespace literllm {
namespace {

using ::testing::HasSubstr;
using Type = EventStreamHeaderType;

EventStreamMessage Decoded(absl::string_view frame) {
  absl::StatusOr<EventStreamMessage> message = DecodeEventStreamMessage(frame);
  EXPECT_TRUE(message.ok()) << message.status();
  return message.value_or(EventStreamMessage{});
}

void ExpectCorrupt(absl::string_view frame, absl::string_view why) {
  absl::StatusOr<EventStreamMessage> message = DecodeEventStreamMessage(frame);
  EXPECT_EQ(message.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(message.status().message(), HasSubstr(why));
}

TEST(EventStreamMessageTest, DecodesEveryHeaderTypeOfBotocoresVector) {
  EventStreamMessage m = Decoded(testing::kBotocoreAllHeaderTypes);
  ASSERT_EQ(m.headers.size(), 10u);
  const Type types[] = {Type::kBoolTrue,  Type::kBoolFalse, Type::kByte,
                        Type::kShort,     Type::kInt,       Type::kLong,
                        Type::kByteArray, Type::kString,    Type::kTimestamp,
                        Type::kUuid};
  const int64_t numbers[] = {1, 0, 2, 3, 4, 5, 0, 0, 8, 0};
  const char* bytes[] = {"", "",      "",     "", "",
                         "", "bytes", "utf8", "", "0123456789abcdef"};
  for (int i = 0; i < 10; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(m.headers[i].name, std::to_string(i));
    EXPECT_EQ(m.headers[i].type, types[i]);
    EXPECT_EQ(m.headers[i].number, numbers[i]);
    EXPECT_EQ(m.headers[i].bytes, bytes[i]);
  }
  EXPECT_EQ(m.payload, "");
  EXPECT_EQ(m.StringHeader("7"), "utf8");
  EXPECT_EQ(m.StringHeader("6"), "");  // a byte array, not a string
}

TEST(EventStreamMessageTest, SignedIntegersAreSignExtended) {
  EventStreamMessage m = Decoded(testing::kBotocoreByteMinusOne);
  ASSERT_EQ(m.headers.size(), 1u);
  EXPECT_EQ(m.headers[0].number, -1);
  for (Type type : {Type::kShort, Type::kInt, Type::kLong}) {
    EventStreamMessage minus_one{{{"n", type, -1, ""}}, ""};
    EXPECT_EQ(Decoded(EncodeEventStreamMessage(minus_one)).headers[0].number,
              -1);
  }
}

TEST(EventStreamMessageTest, EncoderWritesBotocoresBytes) {
  for (absl::string_view frame :
       {testing::kBotocoreEmpty, testing::kBotocoreAllHeaderTypes,
        testing::kBotocoreError, testing::kBotocoreInitialResponse,
        testing::kBotocoreByteMinusOne}) {
    EXPECT_EQ(EncodeEventStreamMessage(Decoded(frame)), frame);
  }
}

TEST(EventStreamMessageTest, RoundTripsAPayloadAndTimestamp) {
  EventStreamMessage m{{{"when", Type::kTimestamp, 1735689600123, ""}},
                       "{\"a\":\"\xE2\x9C\x93\"}"};
  EventStreamMessage back = Decoded(EncodeEventStreamMessage(m));
  EXPECT_EQ(back.headers[0].number, 1735689600123);
  EXPECT_EQ(back.payload, m.payload);
}

TEST(EventStreamMessageTest, BotocoresCorruptVectorsAreErrors) {
  // CORRUPTED_PAYLOAD: one payload byte changed.
  std::string payload(testing::BedrockEventFrame("x", "{'foo':'bar'}"));
  payload[payload.size() - 6] ^= 1;
  ExpectCorrupt(payload, "message CRC mismatch");
  // CORRUPTED_LENGTH: the first length byte set, so the prelude CRC fails.
  std::string length(testing::kBotocoreEmpty);
  length[0] = '\x01';
  ExpectCorrupt(length, "prelude CRC mismatch");
  // DUPLICATE_HEADER.
  ExpectCorrupt(absl::string_view("\x00\x00\x00\x24\x00\x00\x00\x14\x4b\xb9"
                                  "\x82\xd0\x04test\x04\x61sdf\x04test\x04"
                                  "\x61sdf\xf3\xf4\x75\x63",
                                  0x24),
                "repeated header");
}

TEST(EventStreamMessageTest, HeaderRunningPastItsSectionIsAnError) {
  // A string claiming 200 bytes in a 10-byte section.
  ExpectCorrupt(testing::FrameWithRawHeaders(
                    absl::string_view("\x01s\x07\x00\xc8whatever", 10), "p"),
                "runs past");
  // A name longer than the section.
  ExpectCorrupt(testing::FrameWithRawHeaders("\x09short", ""), "runs past");
  // A long with 3 of its 8 bytes.
  ExpectCorrupt(testing::FrameWithRawHeaders(
                    absl::string_view("\x01l\x05\x00\x00\x00", 6), ""),
                "runs past");
  ExpectCorrupt(testing::FrameWithRawHeaders("\x01u\x0a", ""),
                "unknown header value type 10");
}

TEST(EventStreamMessageTest, LengthsOutOfRangeAreErrors) {
  // A copy: the message lives in the temporary StatusOr.
  auto length_error = [](uint32_t total, uint32_t headers) {
    return std::string(
        EventStreamMessageLength(testing::PreludeWithCrc(total, headers))
            .status()
            .message());
  };
  EXPECT_THAT(length_error(kEventStreamMaxMessageBytes + 1, 0),
              HasSubstr("out of range"));
  EXPECT_THAT(length_error(0xFFFFFFFF, 0), HasSubstr("out of range"));
  EXPECT_THAT(length_error(15, 0), HasSubstr("out of range"));
  EXPECT_THAT(length_error(100, 85), HasSubstr("does not fit"));
  EXPECT_THAT(length_error(1 << 20, (128 << 10) + 1),
              HasSubstr("does not fit"));
  EXPECT_EQ(*EventStreamMessageLength(testing::PreludeWithCrc(100, 84)), 100u);
  EXPECT_EQ(*EventStreamMessageLength(
                testing::PreludeWithCrc(kEventStreamMaxMessageBytes, 0)),
            kEventStreamMaxMessageBytes);
  ExpectCorrupt(testing::kBotocoreEmpty.substr(0, 15), "does not match");
  ExpectCorrupt(testing::kBotocoreEmpty.substr(0, 11), "shorter than 12");
}

}  // namespace
}  // namespace literllm
