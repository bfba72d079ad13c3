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

  // The small writes are inline: an export request is thousands of them.
  void Varint(int field, uint64_t value) {  // int32/64, uint32/64, enum
    Tag(field, kWireVarint);
    RawVarint(value);
  }
  void Bool(int field, bool value) { Varint(field, value ? 1 : 0); }
  void Int64(int field, int64_t value) {
    Varint(field, static_cast<uint64_t>(value));  // two's complement
  }
  void Fixed64(int field, uint64_t value);
  void Fixed32(int field, uint32_t value);
  void Double(int field, double value);
  void Bytes(int field, absl::string_view bytes) {
    Header(field, bytes.size());
    out_.append(bytes.data(), bytes.size());
  }
  // A proto3 `string` must be UTF-8 (decoders reject the whole message
  // otherwise): invalid sequences are written as U+FFFD.
  void String(int field, absl::string_view text);

  // The tag and length of a length-delimited `field` whose `length` bytes
  // the caller writes next: a nested message whose size is known up front
  // costs no Open/Close.
  void Header(int field, size_t length) {
    Tag(field, kWireLengthDelimited);
    RawVarint(length);
  }
  // Bytes such a field takes in all, payload included.
  static size_t DelimitedSize(int field, size_t length) {
    return VarintSize(static_cast<uint64_t>(field) << 3) + VarintSize(length) +
           length;
  }
  static size_t VarintSize(uint64_t value) {
    size_t n = 1;
    for (; value >= 0x80; value >>= 7) ++n;
    return n;
  }
  // Whether String would write `text` unchanged.
  static bool IsValidUtf8(absl::string_view text);

  // Starts a length-delimited message in `field`; returns what Close takes.
  size_t Open(int field);
  // Ends the message `Open` started, writing its length before it.
  void Close(size_t mark);

 private:
  static constexpr int kWireVarint = 0;
  static constexpr int kWireFixed64 = 1;
  static constexpr int kWireLengthDelimited = 2;
  static constexpr int kWireFixed32 = 5;

  void Tag(int field, int wire_type) {
    RawVarint((static_cast<uint64_t>(field) << 3) | wire_type);
  }
  void RawVarint(uint64_t value) {
    if (value < 0x80) return out_.push_back(static_cast<char>(value));
    LongVarint(value);
  }
  void LongVarint(uint64_t value);

  std::string& out_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_PROTO_WRITER_H_
