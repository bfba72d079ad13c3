#ifndef LITERLLM_SERVICE_TRACING_PROTO_WRITER_H_
#define LITERLLM_SERVICE_TRACING_PROTO_WRITER_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace literllm {

// Appends protobuf wire format (https://protobuf.dev/programming-guides/
// encoding/) to a string: enough to write OTLP without generated code.
// Fields are written in the order called; proto3 defaults are the caller's
// to skip. A nested message is opened, written and closed in place:
//
//   size_t span = writer.Open(2);
//   writer.Bytes(1, trace_id);
//   writer.Close(span);
class ProtoWriter {
 public:
  explicit ProtoWriter(std::string& out) : out_(out) {}

  void Varint(int field, uint64_t value);  // int32/64, uint32/64, enum
  void Bool(int field, bool value) { Varint(field, value ? 1 : 0); }
  void Int64(int field, int64_t value) {
    Varint(field, static_cast<uint64_t>(value));  // two's complement
  }
  void Fixed64(int field, uint64_t value);
  void Fixed32(int field, uint32_t value);
  void Double(int field, double value);
  void Bytes(int field, absl::string_view bytes);
  // A proto3 `string` must be UTF-8 (decoders reject the whole message
  // otherwise): invalid sequences are written as U+FFFD.
  void String(int field, absl::string_view text);

  // Starts a length-delimited message in `field`; returns what Close takes.
  size_t Open(int field);
  // Ends the message `Open` started, writing its length before it.
  void Close(size_t mark);

 private:
  void Tag(int field, int wire_type);
  void RawVarint(uint64_t value);

  std::string& out_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_PROTO_WRITER_H_
