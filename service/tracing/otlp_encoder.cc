#include "service/tracing/otlp_encoder.h"

#include <cstdint>

#include "service/tracing/hex.h"
#include "service/tracing/proto_writer.h"

namespace literllm {
namespace {

// opentelemetry-proto field numbers, by message.
namespace export_request {  // ExportTraceServiceRequest
constexpr int kResourceSpans = 1;
}
namespace resource_spans {  // ResourceSpans
constexpr int kResource = 1;
constexpr int kScopeSpans = 2;
}  // namespace resource_spans
namespace resource {  // Resource
constexpr int kAttributes = 1;
}
namespace scope_spans {  // ScopeSpans
constexpr int kScope = 1;
constexpr int kSpans = 2;
}  // namespace scope_spans
namespace scope {  // InstrumentationScope
constexpr int kName = 1;
constexpr int kVersion = 2;
}  // namespace scope
namespace span {  // Span
constexpr int kTraceId = 1;
constexpr int kSpanId = 2;
constexpr int kTraceState = 3;
constexpr int kParentSpanId = 4;
constexpr int kName = 5;
constexpr int kKind = 6;
constexpr int kStartTimeUnixNano = 7;
constexpr int kEndTimeUnixNano = 8;
constexpr int kAttributes = 9;
constexpr int kEvents = 11;
constexpr int kStatus = 15;
constexpr int kFlags = 16;
}  // namespace span
namespace event {  // Span.Event
constexpr int kTimeUnixNano = 1;
constexpr int kName = 2;
constexpr int kAttributes = 3;
}  // namespace event
namespace status {  // Status
constexpr int kMessage = 2;
constexpr int kCode = 3;
}  // namespace status
namespace key_value {  // KeyValue
constexpr int kKey = 1;
constexpr int kValue = 2;
}  // namespace key_value
namespace any_value {  // AnyValue
constexpr int kString = 1;
constexpr int kBool = 2;
constexpr int kInt = 3;
constexpr int kDouble = 4;
constexpr int kArray = 5;
}  // namespace any_value
namespace array_value {  // ArrayValue
constexpr int kValues = 1;
}

// SpanFlags: the W3C trace flags in the low byte, then whether the parent's
// remoteness is known and whether it is remote.
constexpr uint32_t kFlagSampled = 0x01;
constexpr uint32_t kFlagHasIsRemote = 0x100;
constexpr uint32_t kFlagIsRemote = 0x200;

uint64_t UnixNanos(absl::Time time) {
  return static_cast<uint64_t>(absl::ToUnixNanos(time));
}

struct ValueWriter {
  ProtoWriter& w;
  void operator()(const std::string& v) const {
    w.String(any_value::kString, v);
  }
  void operator()(int64_t v) const { w.Int64(any_value::kInt, v); }
  void operator()(double v) const { w.Double(any_value::kDouble, v); }
  void operator()(bool v) const { w.Bool(any_value::kBool, v); }
  void operator()(const std::vector<std::string>& v) const {
    size_t array = w.Open(any_value::kArray);
    for (const std::string& item : v) {
      size_t value = w.Open(array_value::kValues);
      w.String(any_value::kString, item);
      w.Close(value);
    }
    w.Close(array);
  }
};

// The AnyValue of a scalar or valid UTF-8 text, written with lengths worked
// out first (no Open/Close); false, writing nothing, for other values.
bool WriteSizedKeyValue(ProtoWriter& w, int field, absl::string_view key,
                        const AttributeValue& value) {
  size_t any = 0;  // the AnyValue's size
  const std::string* text = std::get_if<std::string>(&value);
  if (text != nullptr) {
    if (!ProtoWriter::IsValidUtf8(*text)) return false;
    any = ProtoWriter::DelimitedSize(any_value::kString, text->size());
  } else if (const int64_t* n = std::get_if<int64_t>(&value)) {
    any = 1 + ProtoWriter::VarintSize(static_cast<uint64_t>(*n));
  } else if (std::holds_alternative<double>(value)) {
    any = 1 + 8;
  } else if (std::holds_alternative<bool>(value)) {
    any = 1 + 1;
  } else {
    return false;
  }
  if (!ProtoWriter::IsValidUtf8(key)) return false;
  w.Header(field, ProtoWriter::DelimitedSize(key_value::kKey, key.size()) +
                      ProtoWriter::DelimitedSize(key_value::kValue, any));
  w.Bytes(key_value::kKey, key);
  w.Header(key_value::kValue, any);
  if (text != nullptr) {
    w.Bytes(any_value::kString, *text);
  } else {
    std::visit(ValueWriter{w}, value);
  }
  return true;
}

void WriteKeyValue(ProtoWriter& w, int field, absl::string_view key,
                   const AttributeValue& value) {
  // Every field tag here fits one byte, which the sizes above assume.
  static_assert(any_value::kString < 16 && key_value::kValue < 16);
  if (WriteSizedKeyValue(w, field, key, value)) return;
  size_t kv = w.Open(field);
  w.String(key_value::kKey, key);
  size_t any = w.Open(key_value::kValue);
  std::visit(ValueWriter{w}, value);
  w.Close(any);
  w.Close(kv);
}

void WriteAttributes(ProtoWriter& w, int field, const Attributes& attributes) {
  for (const Attribute& a : attributes) {
    WriteKeyValue(w, field, a.key, a.value);
  }
}

void WriteEvent(ProtoWriter& w, const SpanEvent& e) {
  size_t mark = w.Open(span::kEvents);
  w.Fixed64(event::kTimeUnixNano, UnixNanos(e.time));
  w.String(event::kName, e.name);
  WriteAttributes(w, event::kAttributes, e.attributes);
  w.Close(mark);
}

void WriteSpan(ProtoWriter& w, const Span& s) {
  size_t mark = w.Open(scope_spans::kSpans);
  w.Bytes(span::kTraceId, HexToBytes(s.trace_id));
  w.Bytes(span::kSpanId, HexToBytes(s.span_id));
  if (!s.trace_state.empty()) w.String(span::kTraceState, s.trace_state);
  if (!s.parent_span_id.empty()) {
    w.Bytes(span::kParentSpanId, HexToBytes(s.parent_span_id));
  }
  w.String(span::kName, s.name);
  w.Varint(span::kKind, static_cast<uint64_t>(s.kind));
  w.Fixed64(span::kStartTimeUnixNano, UnixNanos(s.start));
  w.Fixed64(span::kEndTimeUnixNano, UnixNanos(s.end));
  WriteAttributes(w, span::kAttributes, s.attributes);
  for (const SpanEvent& e : s.events) WriteEvent(w, e);
  if (s.status != SpanStatus::kUnset) {
    size_t status = w.Open(span::kStatus);
    if (!s.status_message.empty()) {
      w.String(status::kMessage, s.status_message);
    }
    w.Varint(status::kCode, static_cast<uint64_t>(s.status));
    w.Close(status);
  }
  uint32_t flags = (s.sampled ? kFlagSampled : 0) | kFlagHasIsRemote;
  if (s.parent_is_remote) flags |= kFlagIsRemote;
  w.Fixed32(span::kFlags, flags);
  w.Close(mark);
}

}  // namespace

void AppendEncodedSpans(absl::Span<const Span> spans, std::string& out) {
  ProtoWriter w(out);
  for (const Span& s : spans) WriteSpan(w, s);
}

std::string EncodeExportRequest(const SpanSource& source,
                                absl::Span<const Span> spans) {
  std::string encoded;
  AppendEncodedSpans(spans, encoded);
  return WrapEncodedSpans(source, {&encoded, 1});
}

std::string WrapEncodedSpans(const SpanSource& source,
                             absl::Span<const std::string> encoded) {
  size_t size = 256;
  for (const std::string& spans : encoded) size += spans.size();
  std::string out;
  out.reserve(size);
  ProtoWriter w(out);
  size_t rs = w.Open(export_request::kResourceSpans);
  size_t res = w.Open(resource_spans::kResource);
  for (const auto& [key, value] : source.resource) {
    WriteKeyValue(w, resource::kAttributes, key, value);
  }
  w.Close(res);
  size_t ss = w.Open(resource_spans::kScopeSpans);
  size_t sc = w.Open(scope_spans::kScope);
  w.String(scope::kName, source.scope_name);
  if (!source.scope_version.empty()) {
    w.String(scope::kVersion, source.scope_version);
  }
  w.Close(sc);
  for (const std::string& spans : encoded) out.append(spans);
  w.Close(ss);
  w.Close(rs);
  return out;
}

}  // namespace literllm
