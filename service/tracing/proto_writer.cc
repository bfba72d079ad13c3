#include "service/tracing/proto_writer.h"

#include <cstring>

#include "simdjson.h"

namespace literllm {
namespace {

// Room kept for a nested message's length: 5 varint bytes hold up to 4 GiB,
// far more than one export request may be.
constexpr size_t kLengthRoom = 5;

size_t EncodeVarint(uint64_t value, char* out) {
  size_t n = 0;
  while (value >= 0x80) {
    out[n++] = static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  out[n++] = static_cast<char>(value);
  return n;
}

// The length of the valid UTF-8 sequence at the start of `s`, or 0.
size_t Utf8SequenceLength(absl::string_view s) {
  const auto byte = [&s](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  size_t n;
  unsigned char min = 0x80, max = 0xbf;  // bounds of the second byte
  if (lead >= 0xc2 && lead <= 0xdf) {
    n = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    n = 3;
    if (lead == 0xe0) min = 0xa0;  // no overlong forms
    if (lead == 0xed) max = 0x9f;  // no surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    n = 4;
    if (lead == 0xf0) min = 0x90;
    if (lead == 0xf4) max = 0x8f;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (s.size() < n || byte(1) < min || byte(1) > max) return 0;
  for (size_t i = 2; i < n; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xbf) return 0;
  }
  return n;
}

}  // namespace

bool ProtoWriter::IsValidUtf8(absl::string_view text) {
  // Nearly every string here is short ASCII (keys, ids, names): a plain
  // scan beats a call into the SIMD validator, which takes the rest.
  unsigned char high = 0;
  for (char c : text) high |= static_cast<unsigned char>(c);
  return high < 0x80 || simdjson::validate_utf8(text.data(), text.size());
}

void ProtoWriter::String(int field, absl::string_view text) {
  if (IsValidUtf8(text)) return Bytes(field, text);
  std::string valid;
  valid.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size();) {
    size_t n = Utf8SequenceLength(text.substr(i));
    if (n == 0) {
      valid.append("\xEF\xBF\xBD");  // U+FFFD, for one bad byte
      ++i;
    } else {
      valid.append(text.data() + i, n);
      i += n;
    }
  }
  Bytes(field, valid);
}

void ProtoWriter::LongVarint(uint64_t value) {
  char buffer[10];
  out_.append(buffer, EncodeVarint(value, buffer));
}

void ProtoWriter::Fixed64(int field, uint64_t value) {
  Tag(field, kWireFixed64);
  for (int i = 0; i < 8; ++i, value >>= 8) {
    out_.push_back(static_cast<char>(value & 0xff));  // little-endian
  }
}

void ProtoWriter::Fixed32(int field, uint32_t value) {
  Tag(field, kWireFixed32);
  for (int i = 0; i < 4; ++i, value >>= 8) {
    out_.push_back(static_cast<char>(value & 0xff));
  }
}

void ProtoWriter::Double(int field, double value) {
  uint64_t bits;
  static_assert(sizeof bits == sizeof value, "IEEE 754 binary64 expected");
  std::memcpy(&bits, &value, sizeof bits);
  Fixed64(field, bits);
}

size_t ProtoWriter::Open(int field) {
  Tag(field, kWireLengthDelimited);
  size_t mark = out_.size();
  out_.append(kLengthRoom, '\0');
  return mark;
}

void ProtoWriter::Close(size_t mark) {
  // The length is known only now; the room kept for it shrinks to the
  // varint's real size (the message moves left by what is left over).
  const size_t length = out_.size() - mark - kLengthRoom;
  char* room = out_.data() + mark;
  const size_t n = EncodeVarint(length, room);
  std::memmove(room + n, room + kLengthRoom, length);
  out_.resize(out_.size() - (kLengthRoom - n));
}

}  // namespace literllm
