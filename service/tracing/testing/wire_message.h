#ifndef LITERLLM_SERVICE_TRACING_TESTING_WIRE_MESSAGE_H_
#define LITERLLM_SERVICE_TRACING_TESTING_WIRE_MESSAGE_H_

#include <google/protobuf/unknown_field_set.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace literllm::testing {

// A protobuf message read without its schema by libprotobuf's own parser
// (UnknownFieldSet), so tests check our hand-written OTLP bytes against a
// real decoder: field numbers, wire types, lengths.
struct WireField {
  int number = 0;
  google::protobuf::UnknownField::Type type;
  uint64_t number_value = 0;  // varint, fixed32 or fixed64
  std::string bytes;          // length-delimited
};

struct WireMessage {
  bool parsed = false;
  std::vector<WireField> fields;

  std::vector<const WireField*> All(int number) const {
    std::vector<const WireField*> out;
    for (const WireField& f : fields) {
      if (f.number == number) out.push_back(&f);
    }
    return out;
  }
  const WireField* First(int number) const {
    for (const WireField& f : fields) {
      if (f.number == number) return &f;
    }
    return nullptr;
  }
  std::string Bytes(int number) const {
    const WireField* f = First(number);
    return f != nullptr ? f->bytes : "";
  }
  uint64_t Number(int number) const {
    const WireField* f = First(number);
    return f != nullptr ? f->number_value : 0;
  }
};

inline WireMessage ParseWire(const std::string& bytes) {
  google::protobuf::UnknownFieldSet set;
  WireMessage message;
  message.parsed = set.ParseFromString(bytes);
  for (int i = 0; i < set.field_count(); ++i) {
    const google::protobuf::UnknownField& f = set.field(i);
    WireField field;
    field.number = f.number();
    field.type = f.type();
    switch (f.type()) {
      case google::protobuf::UnknownField::TYPE_VARINT:
        field.number_value = f.varint();
        break;
      case google::protobuf::UnknownField::TYPE_FIXED32:
        field.number_value = f.fixed32();
        break;
      case google::protobuf::UnknownField::TYPE_FIXED64:
        field.number_value = f.fixed64();
        break;
      case google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED:
        field.bytes = f.length_delimited();
        break;
      default:
        break;
    }
    message.fields.push_back(std::move(field));
  }
  return message;
}

// The message in `field` of `message` (its first occurrence).
inline WireMessage Sub(const WireMessage& message, int field) {
  return ParseWire(message.Bytes(field));
}

// The spans of an OTLP ExportTraceServiceRequest
// (resource_spans[*].scope_spans[*].spans[*]).
inline std::vector<WireMessage> SpansOf(const std::string& request) {
  std::vector<WireMessage> spans;
  WireMessage top = ParseWire(request);
  for (const WireField* rs : top.All(1)) {
    WireMessage resource_spans = ParseWire(rs->bytes);
    for (const WireField* ss : resource_spans.All(2)) {
      WireMessage scope_spans = ParseWire(ss->bytes);
      for (const WireField* span : scope_spans.All(2)) {
        spans.push_back(ParseWire(span->bytes));
      }
    }
  }
  return spans;
}

// KeyValue entries in `field` of `message`: key → AnyValue message.
inline std::map<std::string, WireMessage> KeyValues(const WireMessage& message,
                                                    int field) {
  std::map<std::string, WireMessage> out;
  for (const WireField* kv : message.All(field)) {
    WireMessage pair = ParseWire(kv->bytes);
    out[pair.Bytes(1)] = Sub(pair, 2);
  }
  return out;
}

}  // namespace literllm::testing

#endif  // LITERLLM_SERVICE_TRACING_TESTING_WIRE_MESSAGE_H_
