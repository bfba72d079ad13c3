#include "service/tracing/otlp_encoder.h"

#include <cstring>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "service/tracing/proto_writer.h"
#include "service/tracing/testing/wire_message.h"

namespace literllm {
namespace {

using ::literllm::testing::KeyValues;
using ::literllm::testing::ParseWire;
using ::literllm::testing::SpansOf;
using ::literllm::testing::Sub;
using ::literllm::testing::WireMessage;

constexpr char kTraceId[] = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr char kSpanId[] = "00f067aa0ba902b7";
constexpr char kParentId[] = "b7ad6b7169203331";

Span FullSpan() {
  Span span;
  span.trace_id = kTraceId;
  span.span_id = kSpanId;
  span.parent_span_id = kParentId;
  span.parent_is_remote = true;
  span.trace_state = "vendor=abc";
  span.name = "chat openai/gpt-4o";
  span.kind = SpanKind::kServer;
  span.start = absl::FromUnixNanos(1700000000123456789);
  span.end = absl::FromUnixNanos(1700000001123456789);
  span.Add("text", "hello");
  span.Add("count", int64_t{-42});
  span.Add("ratio", 0.25);
  span.Add("flag", true);
  span.Add("list", std::vector<std::string>{"stop", "length"});
  span.events.push_back(SpanEvent{absl::FromUnixNanos(1700000000500000000),
                                  "first_token",
                                  {Attribute{"n", int64_t{1}}}});
  span.status = SpanStatus::kError;
  span.status_message = "openai: down";
  return span;
}

std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0xf]);
  }
  return out;
}

TEST(OtlpEncoderTest, ResourceAndScopeWrapTheSpans) {
  SpanSource source;
  source.resource = {{"service.name", "literllm"}, {"deployment", "eu"}};
  source.scope_version = "0.1.0";
  std::vector<Span> spans = {FullSpan(), FullSpan()};
  std::string body = EncodeExportRequest(source, spans);

  WireMessage request = ParseWire(body);
  ASSERT_TRUE(request.parsed);
  ASSERT_EQ(request.All(1).size(), 1u);  // resource_spans
  WireMessage resource_spans = Sub(request, 1);
  auto resource = KeyValues(Sub(resource_spans, 1), 1);
  EXPECT_EQ(resource["service.name"].Bytes(1), "literllm");
  EXPECT_EQ(resource["deployment"].Bytes(1), "eu");
  WireMessage scope_spans = Sub(resource_spans, 2);
  WireMessage scope = Sub(scope_spans, 1);
  EXPECT_EQ(scope.Bytes(1), "literllm");
  EXPECT_EQ(scope.Bytes(2), "0.1.0");
  EXPECT_EQ(scope_spans.All(2).size(), 2u);
  EXPECT_EQ(SpansOf(body).size(), 2u);
}

TEST(OtlpEncoderTest, SpanFieldsDecodeBack) {
  std::vector<Span> spans = {FullSpan()};
  std::vector<WireMessage> decoded =
      SpansOf(EncodeExportRequest(SpanSource(), spans));
  ASSERT_EQ(decoded.size(), 1u);
  const WireMessage& span = decoded[0];
  ASSERT_TRUE(span.parsed);
  EXPECT_EQ(Hex(span.Bytes(1)), kTraceId);
  EXPECT_EQ(span.Bytes(1).size(), 16u);
  EXPECT_EQ(Hex(span.Bytes(2)), kSpanId);
  EXPECT_EQ(span.Bytes(3), "vendor=abc");
  EXPECT_EQ(Hex(span.Bytes(4)), kParentId);
  EXPECT_EQ(span.Bytes(5), "chat openai/gpt-4o");
  EXPECT_EQ(span.Number(6), 2u);  // SPAN_KIND_SERVER
  EXPECT_EQ(span.First(7)->type, google::protobuf::UnknownField::TYPE_FIXED64);
  EXPECT_EQ(span.Number(7), 1700000000123456789u);
  EXPECT_EQ(span.Number(8), 1700000001123456789u);
  // Sampled, and the parent is known to be remote.
  EXPECT_EQ(span.First(16)->type, google::protobuf::UnknownField::TYPE_FIXED32);
  EXPECT_EQ(span.Number(16), 0x301u);
  WireMessage status = Sub(span, 15);
  EXPECT_EQ(status.Bytes(2), "openai: down");
  EXPECT_EQ(status.Number(3), 2u);  // STATUS_CODE_ERROR
}

TEST(OtlpEncoderTest, AttributesOfEveryType) {
  std::vector<Span> spans = {FullSpan()};
  WireMessage span = SpansOf(EncodeExportRequest(SpanSource(), spans))[0];
  auto attributes = KeyValues(span, 9);
  ASSERT_EQ(attributes.size(), 5u);
  EXPECT_EQ(attributes["text"].Bytes(1), "hello");
  EXPECT_EQ(static_cast<int64_t>(attributes["count"].Number(3)), -42);
  uint64_t bits = attributes["ratio"].Number(4);
  double ratio;
  std::memcpy(&ratio, &bits, sizeof ratio);
  EXPECT_EQ(ratio, 0.25);
  EXPECT_EQ(attributes["flag"].Number(2), 1u);
  WireMessage list = Sub(attributes["list"], 5);
  ASSERT_EQ(list.All(1).size(), 2u);
  EXPECT_EQ(ParseWire(list.All(1)[0]->bytes).Bytes(1), "stop");
  EXPECT_EQ(ParseWire(list.All(1)[1]->bytes).Bytes(1), "length");
}

TEST(OtlpEncoderTest, EventsCarryTimeNameAndAttributes) {
  std::vector<Span> spans = {FullSpan()};
  WireMessage span = SpansOf(EncodeExportRequest(SpanSource(), spans))[0];
  ASSERT_EQ(span.All(11).size(), 1u);
  WireMessage event = Sub(span, 11);
  EXPECT_EQ(event.Number(1), 1700000000500000000u);
  EXPECT_EQ(event.Bytes(2), "first_token");
  EXPECT_EQ(KeyValues(event, 3)["n"].Number(3), 1u);
}

TEST(OtlpEncoderTest, RootSpanHasNoParentAndUnsetStatusIsOmitted) {
  Span span = FullSpan();
  span.parent_span_id.clear();
  span.parent_is_remote = false;
  span.trace_state.clear();
  span.status = SpanStatus::kUnset;
  span.status_message.clear();
  span.kind = SpanKind::kClient;
  std::vector<Span> spans = {span};
  WireMessage decoded = SpansOf(EncodeExportRequest(SpanSource(), spans))[0];
  EXPECT_EQ(decoded.First(3), nullptr);
  EXPECT_EQ(decoded.First(4), nullptr);
  EXPECT_EQ(decoded.First(15), nullptr);
  EXPECT_EQ(decoded.Number(6), 3u);  // SPAN_KIND_CLIENT
  EXPECT_EQ(decoded.Number(16), 0x101u);
}

TEST(OtlpEncoderTest, InvalidUtf8BecomesReplacementCharacters) {
  Span span = FullSpan();
  span.name = "chat \xff\xfe model";
  span.status_message = std::string("cut \xe2\x82", 6);  // a € cut short
  span.attributes.clear();
  span.Add("text", std::string("ok \xc3\xa9 \xed\xa0\x80"));  // é, surrogate
  std::vector<Span> spans = {span};
  WireMessage decoded = SpansOf(EncodeExportRequest(SpanSource(), spans))[0];
  EXPECT_EQ(decoded.Bytes(5), "chat \xEF\xBF\xBD\xEF\xBF\xBD model");
  EXPECT_EQ(Sub(decoded, 15).Bytes(2), "cut \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(KeyValues(decoded, 9)["text"].Bytes(1),
            "ok \xc3\xa9 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(ProtoWriterTest, VarintsAndLengthsAtTheirBoundaries) {
  std::string out;
  ProtoWriter w(out);
  w.Varint(1, 0);
  w.Varint(2, 127);
  w.Varint(3, 128);
  w.Varint(4, UINT64_MAX);
  w.Int64(5, -1);
  // Nested messages whose lengths need 1, 2 and 3 varint bytes.
  for (size_t size : {size_t{100}, size_t{200}, size_t{20000}}) {
    size_t mark = w.Open(6);
    w.Bytes(1, std::string(size, 'x'));
    w.Close(mark);
  }
  w.Varint(7, 7);  // after the nested ones: the stream stays aligned
  WireMessage m = ParseWire(out);
  ASSERT_TRUE(m.parsed);
  EXPECT_EQ(m.Number(1), 0u);
  EXPECT_EQ(m.Number(2), 127u);
  EXPECT_EQ(m.Number(3), 128u);
  EXPECT_EQ(m.Number(4), UINT64_MAX);
  EXPECT_EQ(m.Number(5), UINT64_MAX);
  std::vector<size_t> sizes;
  for (const auto* f : m.All(6))
    sizes.push_back(ParseWire(f->bytes).Bytes(1).size());
  EXPECT_EQ(sizes, (std::vector<size_t>{100, 200, 20000}));
  EXPECT_EQ(m.Number(7), 7u);
  // Canonical: a 100-byte string in a message is 2 + 100 bytes, its
  // length one byte.
  std::string small;
  ProtoWriter s(small);
  size_t mark = s.Open(1);
  s.Bytes(1, std::string(100, 'x'));
  s.Close(mark);
  EXPECT_EQ(small.size(), 1 + 1 + 2 + 100u);
}

}  // namespace
}  // namespace literllm
