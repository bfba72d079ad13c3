#include "providers/http/sse_parser.h"

#include <ostream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace literllm {

// Lets gtest print and compare events in failure messages.
bool operator==(const StreamEvent& a, const StreamEvent& b) {
  return a.type == b.type && a.data == b.data && a.id == b.id;
}
void PrintTo(const StreamEvent& e, std::ostream* os) {
  *os << "{event=\"" << e.type << "\" data=\"" << e.data << "\" id=\"" << e.id
      << "\"}";
}

namespace {

using Events = std::vector<StreamEvent>;

StreamEvent Ev(std::string event, std::string data, std::string id = "") {
  return StreamEvent{std::move(event), std::move(data), std::move(id)};
}

std::vector<StreamEvent> ParseAll(absl::string_view stream) {
  SseParser parser;
  std::vector<StreamEvent> out;
  parser.Feed(stream, out);
  return out;
}

// Feeds `stream` as two pieces split at `offset`.
std::vector<StreamEvent> ParseSplit(absl::string_view stream, size_t offset) {
  SseParser parser;
  std::vector<StreamEvent> out;
  parser.Feed(stream.substr(0, offset), out);
  parser.Feed(stream.substr(offset), out);
  return out;
}

std::vector<StreamEvent> ParseByteByByte(absl::string_view stream) {
  SseParser parser;
  std::vector<StreamEvent> out;
  for (char c : stream) parser.Feed(absl::string_view(&c, 1), out);
  return out;
}

// The parse must not depend on where the network cut the bytes.
void ExpectSplitInvariant(absl::string_view stream,
                          bool require_events = true) {
  const std::vector<StreamEvent> whole = ParseAll(stream);
  if (require_events) {
    ASSERT_FALSE(whole.empty()) << "a stream without events proves nothing";
  }
  for (size_t offset = 0; offset <= stream.size(); ++offset) {
    EXPECT_EQ(ParseSplit(stream, offset), whole) << "split at " << offset;
  }
  EXPECT_EQ(ParseByteByByte(stream), whole);
}

struct Case {
  const char* name;
  std::string stream;
  Events expected;
};

std::vector<Case> Cases() {
  static constexpr char kNulInId[] =
      "id: 7\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\n";
  return {
      {"OpenAiStream",
       "data: {\"a\":1}\n\ndata: {\"b\":2}\n\ndata: [DONE]\n\n",
       {Ev("", "{\"a\":1}"), Ev("", "{\"b\":2}"), Ev("", "[DONE]")}},
      {"AnthropicNamedEvents",
       "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
       "event: ping\ndata: {\"type\": \"ping\"}\n\n"
       "data: {\"unnamed\":true}\n\n",
       {Ev("message_start", "{\"type\":\"message_start\"}"),
        Ev("ping", "{\"type\": \"ping\"}"), Ev("", "{\"unnamed\":true}")}},
      {"CrLfLineEndings",
       "data: {\"x\":1}\r\n\r\ndata: {\"y\":2}\r\n\r\n",
       {Ev("", "{\"x\":1}"), Ev("", "{\"y\":2}")}},
      {"CrLineEndings",
       "event: e\rdata: 1\r\rdata: 2\r\r",
       {Ev("e", "1"), Ev("", "2")}},
      {"CommentsAreIgnored",
       ": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n"
       "data: {\"ok\":1}\n:another comment\n\n",
       {Ev("", "{\"ok\":1}")}},
      {"MultiLineDataJoinedWithNewline",
       "data: first\ndata:second\ndata\ndata:  spaced\n\n",
       {Ev("", "first\nsecond\n\n spaced")}},
      {"FieldWithoutSpaceAndWithoutColon",
       "event:delta\ndata:{}\n\ndata\n\n",
       {Ev("delta", "{}"), Ev("", "")}},
      {"EventTypeResetsAfterEveryBlankLine",
       "event: a\ndata: 1\n\nevent: orphan\n\ndata: 2\n\n",
       {Ev("a", "1"), Ev("", "2")}},
      {"IdPersistsAndIdWithNulIsIgnored",
       std::string(kNulInId, sizeof(kNulInId) - 1),
       {Ev("", "a", "7"), Ev("", "b", "7"), Ev("", "c", "7")}},
      {"RetryAndUnknownFieldsIgnored",
       "retry: 1000\nfoo: bar\ndata: x\n\n",
       {Ev("", "x")}},
      {"BlankLinesWithoutDataDispatchNothing", "\n\n\r\n\r\r", {}},
      {"LeadingBomSkipped",
       "\xEF\xBB\xBF"
       "data: x\n\n",
       {Ev("", "x")}},
      // A second BOM is part of the field name, so that line is not "data".
      {"OnlyTheFirstBomIsSkipped",
       "\xEF\xBB\xBF\xEF\xBB\xBF"
       "data: x\n\ndata: y\n\n",
       {Ev("", "y")}},
      // "\xEF" starts like a BOM, but here it begins an unknown field name.
      {"BomPrefixThatIsNotABomIsContent",
       "\xEF"
       "data: x\n\ndata: y\n\n",
       {Ev("", "y")}},
      {"EventWithoutTrailingBlankLineIsNotDispatched",
       "data: done\n\ndata: unfinished\n",
       {Ev("", "done")}},
      {"UnterminatedLineIsNotDispatched", "data: unfinished", {}},
  };
}

// Every case must parse the same however the network cut its bytes.
TEST(SseParserTest, Cases) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(ParseAll(c.stream), c.expected);
    ExpectSplitInvariant(c.stream, /*require_events=*/false);
  }
}

TEST(SseParserTest, CrLfSplitAcrossFeedsIsOneLineEnding) {
  SseParser parser;
  std::vector<StreamEvent> out;
  parser.Feed("data: a\r", out);
  parser.Feed("\ndata: b\r", out);
  parser.Feed("\n\r", out);
  // Had the LF counted as a second line ending, "a" would have been
  // dispatched on its own.
  EXPECT_EQ(out, (Events{Ev("", "a\nb")}));
}

TEST(SseParserTest, SplitInvariantOpenAiUtf8) {
  ExpectSplitInvariant(
      "data: {\"choices\":[{\"delta\":{\"content\":\"h\xC3\xA9llo \"}}]}\n\n"
      ": OPENROUTER PROCESSING\n\n"
      "data: {\"choices\":[{\"delta\":{\"content\":\"\xE4\xB8\x96\xE7\x95\x8C "
      "\xF0\x9F\x8E\x89\"}}]}\n\n"
      "data: [DONE]\n\n");
}

TEST(SseParserTest, SplitInvariantAnthropicUtf8) {
  ExpectSplitInvariant(
      "event: message_start\n"
      "data: {\"type\":\"message_start\"}\n\n"
      "event: content_block_delta\n"
      "data: {\"delta\":{\"text\":\"h\xC3\xA9llo \xE4\xB8\x96\xE7\x95\x8C "
      "\xF0\x9F\x8E\x89\"}}\n\n"
      "event: message_stop\n"
      "data: {\"type\":\"message_stop\"}\n\n");
}

TEST(SseParserTest, SplitInvariantGeminiCrLfUtf8) {
  ExpectSplitInvariant(
      "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"h\xC3\xA9"
      "llo\"}]}}]}\r\n\r\n"
      "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" "
      "\xE4\xB8\x96"
      "\xE7\x95\x8C \xF0\x9F\x8E\x89\"}]}}]}\r\n\r\n");
}

TEST(SseParserTest, SplitInvariantMixedEndingsBomAndMultiLine) {
  ExpectSplitInvariant(
      "\xEF\xBB\xBF: hi\r"
      "event:\xF0\x9F\x8E\x89\r\n"
      "data: line \xC3\xA9\n"
      "data:\xE4\xB8\x96\r\r"
      "id: 42\r\n"
      "data\r\n\r\n"
      "data: tail\n\n");
}

}  // namespace
}  // namespace literllm
