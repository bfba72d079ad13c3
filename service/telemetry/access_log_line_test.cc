#include "service/telemetry/access_log_line.h"

#include <simdjson.h>

#include <limits>
#include <string>

#include "gtest/gtest.h"

namespace literllm {
namespace {

// The value of string field `name` of `line`, parsed back as JSON; the
// parser's error (which fails the test) when the line is not valid JSON.
std::string ParsedString(const std::string& line, const char* name) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::error_code error = parser.parse(line).get(doc);
  EXPECT_EQ(error, simdjson::SUCCESS) << line;
  if (error) return "<not JSON>";
  std::string_view value;
  error = doc[name].get_string().get(value);
  EXPECT_EQ(error, simdjson::SUCCESS) << line;
  return std::string(value);
}

std::string OneField(absl::string_view value,
                     size_t max_bytes = AccessLogLine::kUnlimited) {
  return AccessLogLine().String("v", value, max_bytes).Finish();
}

TEST(AccessLogLineTest, WritesAFlatObjectInFieldOrder) {
  std::string line = AccessLogLine()
                         .String("s", "text")
                         .Int("i", -42)
                         .OptionalInt("absent", std::nullopt)
                         .Fixed("ms", 12.3456, 3)
                         .Number("usd", 0.000125)
                         .StringOrNull("empty", "")
                         .Null("n")
                         .Finish();
  EXPECT_EQ(line, R"({"s":"text","i":-42,"absent":null,"ms":12.346,)"
                  R"("usd":0.000125,"empty":null,"n":null})");
}

TEST(AccessLogLineTest, NonFiniteNumbersAreNull) {
  EXPECT_EQ(AccessLogLine()
                .Fixed("a", std::numeric_limits<double>::quiet_NaN(), 3)
                .Number("b", std::numeric_limits<double>::infinity())
                .Finish(),
            R"({"a":null,"b":null})");
}

TEST(AccessLogLineTest, EscapesQuotesBackslashesAndControlCharacters) {
  const std::string odd = "a\"b\\c\nd\re\tf\x01g\x1fh/\x7f";
  std::string line = OneField(odd);
  EXPECT_EQ(line, R"({"v":"a\"b\\c\nd\re\tf\u0001g\u001fh/)"
                  "\x7f"
                  R"("})");
  EXPECT_EQ(ParsedString(line, "v"), odd);
  // No raw newline can split the line.
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(AccessLogLineTest, KeepsValidUtf8AndReplacesInvalidBytes) {
  const std::string valid = "mod\u00e8le-\u6a21\u578b-\U0001F916";
  EXPECT_EQ(ParsedString(OneField(valid), "v"), valid);
  // A lone continuation byte, a truncated sequence, an overlong '/', a
  // surrogate, a code point past U+10FFFF: each byte becomes U+FFFD.
  const std::string invalid =
      "a\x80"
      "b\xe6\x97"
      "c\xc0\xaf"
      "d\xed\xa0\x80"
      "e\xf4\x90\x80\x80";
  std::string parsed = ParsedString(OneField(invalid), "v");
  EXPECT_EQ(parsed.substr(0, 4), "a\uFFFD");
  EXPECT_NE(parsed.find("b\uFFFD\uFFFDc"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("c\uFFFD\uFFFDd"), std::string::npos) << parsed;
  EXPECT_NE(parsed.find("e\uFFFD\uFFFD\uFFFD\uFFFD"), std::string::npos)
      << parsed;
}

TEST(AccessLogLineTest, CutsLongValuesAtACharacterBoundary) {
  EXPECT_EQ(ParsedString(OneField(std::string(1000, 'x'), 256), "v"),
            std::string(256, 'x'));
  // "é" is two bytes: a cut after 3 bytes keeps "aé", after 2 keeps "a".
  EXPECT_EQ(ParsedString(OneField("a\u00e9\u00e9", 3), "v"), "a\u00e9");
  EXPECT_EQ(ParsedString(OneField("a\u00e9\u00e9", 2), "v"), "a");
  EXPECT_EQ(Utf8Prefix("\U0001F916\U0001F916", 7), "\U0001F916");
  EXPECT_EQ(Utf8Prefix("short", 256), "short");
}

}  // namespace
}  // namespace literllm
