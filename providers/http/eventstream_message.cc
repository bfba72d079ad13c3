#include "providers/http/eventstream_message.h"

#include <zlib.h>

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

absl::Status Corrupt(absl::string_view what) {
  return absl::DataLossError(absl::StrCat("AWS event stream: ", what));
}

uint32_t Crc32(absl::string_view data) {
  return static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data.data()),
            static_cast<uInt>(data.size())));
}

// Bounds-checked big-endian reads; a failed read consumes nothing.
class Reader {
 public:
  explicit Reader(absl::string_view data) : data_(data) {}

  bool Bytes(size_t n, absl::string_view& out) {
    if (data_.size() < n) return false;
    out = data_.substr(0, n);
    data_.remove_prefix(n);
    return true;
  }
  bool Uint(size_t n, uint64_t& out) {
    absl::string_view bytes;
    if (!Bytes(n, bytes)) return false;
    out = 0;
    for (char c : bytes) out = (out << 8) | static_cast<uint8_t>(c);
    return true;
  }
  bool empty() const { return data_.empty(); }

 private:
  absl::string_view data_;
};

// The size of a fixed-size value (bools have none); 0 for the
// length-prefixed byte array and string.
size_t FixedWidth(EventStreamHeaderType type) {
  using Type = EventStreamHeaderType;
  switch (type) {
    case Type::kByte:
      return 1;
    case Type::kShort:
      return 2;
    case Type::kInt:
      return 4;
    case Type::kLong:
    case Type::kTimestamp:
      return 8;
    case Type::kUuid:
      return 16;
    default:
      return 0;
  }
}

bool IsBool(EventStreamHeaderType type) {
  return type == EventStreamHeaderType::kBoolTrue ||
         type == EventStreamHeaderType::kBoolFalse;
}

// Reads one header's value of `header.type` into `header`.
bool ReadValue(Reader& reader, EventStreamHeader& header) {
  if (IsBool(header.type)) {
    header.number = header.type == EventStreamHeaderType::kBoolTrue;
    return true;
  }
  absl::string_view bytes;
  uint64_t n = 0;
  const size_t width = FixedWidth(header.type);
  if (header.type == EventStreamHeaderType::kUuid) {
    if (!reader.Bytes(width, bytes)) return false;
    header.bytes = std::string(bytes);
  } else if (width > 0) {  // a big-endian two's-complement integer
    if (!reader.Uint(width, n)) return false;
    if (width < 8 && (n >> (8 * width - 1)) != 0)
      n |= ~uint64_t{0} << (8 * width);
    header.number = static_cast<int64_t>(n);
  } else {  // byte array or string
    if (!reader.Uint(2, n) || !reader.Bytes(n, bytes)) return false;
    header.bytes = std::string(bytes);
  }
  return true;
}

absl::StatusOr<std::vector<EventStreamHeader>> ReadHeaders(
    absl::string_view section) {
  std::vector<EventStreamHeader> headers;
  Reader reader(section);
  while (!reader.empty()) {
    EventStreamHeader header;
    uint64_t name_length = 0, type = 0;
    absl::string_view name;
    if (!reader.Uint(1, name_length) || !reader.Bytes(name_length, name) ||
        !reader.Uint(1, type)) {
      return Corrupt("a header runs past the headers section");
    }
    if (type > static_cast<uint8_t>(EventStreamHeaderType::kUuid)) {
      return Corrupt(absl::StrCat("unknown header value type ", type));
    }
    header.name = std::string(name);
    header.type = static_cast<EventStreamHeaderType>(type);
    if (!ReadValue(reader, header)) {
      return Corrupt("a header value runs past the headers section");
    }
    for (const EventStreamHeader& seen : headers) {
      if (seen.name == header.name) return Corrupt("a repeated header");
    }
    headers.push_back(std::move(header));
  }
  return headers;
}

void AppendUint(std::string& out, uint64_t value, size_t bytes) {
  for (size_t i = bytes; i-- > 0;) {
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  }
}

void AppendHeader(std::string& out, const EventStreamHeader& header) {
  AppendUint(out, header.name.size(), 1);
  out += header.name;
  AppendUint(out, static_cast<uint8_t>(header.type), 1);
  const size_t width = FixedWidth(header.type);
  if (IsBool(header.type)) return;
  if (header.type == EventStreamHeaderType::kUuid) {
    out += header.bytes;
  } else if (width > 0) {
    AppendUint(out, header.number, width);
  } else {
    AppendUint(out, header.bytes.size(), 2);
    out += header.bytes;
  }
}

}  // namespace

absl::string_view EventStreamMessage::StringHeader(
    absl::string_view name) const {
  for (const EventStreamHeader& header : headers) {
    if (header.name == name && header.type == EventStreamHeaderType::kString) {
      return header.bytes;
    }
  }
  return "";
}

absl::StatusOr<size_t> EventStreamMessageLength(absl::string_view prelude) {
  Reader reader(prelude);
  uint64_t total = 0, headers = 0, crc = 0;
  if (!reader.Uint(4, total) || !reader.Uint(4, headers) ||
      !reader.Uint(4, crc)) {
    return Corrupt("a prelude shorter than 12 bytes");
  }
  if (Crc32(prelude.substr(0, 8)) != crc) {
    return Corrupt("prelude CRC mismatch");
  }
  if (total < kEventStreamMinMessageBytes ||
      total > kEventStreamMaxMessageBytes) {
    return Corrupt(absl::StrCat("message length ", total, " out of range [",
                                kEventStreamMinMessageBytes, ", ",
                                kEventStreamMaxMessageBytes, "]"));
  }
  if (headers > kEventStreamMaxHeadersBytes ||
      headers > total - kEventStreamMinMessageBytes) {
    return Corrupt(absl::StrCat("headers length ", headers,
                                " does not fit a message of ", total));
  }
  return static_cast<size_t>(total);
}

absl::StatusOr<EventStreamMessage> DecodeEventStreamMessage(
    absl::string_view frame) {
  absl::StatusOr<size_t> total = EventStreamMessageLength(frame);
  if (!total.ok()) return total.status();
  if (*total != frame.size()) {
    return Corrupt("message length does not match the frame");
  }
  Reader crc_reader(frame.substr(frame.size() - 4));
  uint64_t crc = 0;
  crc_reader.Uint(4, crc);
  if (Crc32(frame.substr(0, frame.size() - 4)) != crc) {
    return Corrupt("message CRC mismatch");
  }
  Reader lengths(frame);
  uint64_t ignored = 0, headers_length = 0;
  lengths.Uint(4, ignored);
  lengths.Uint(4, headers_length);
  absl::string_view body = frame.substr(
      kEventStreamPreludeBytes, frame.size() - kEventStreamMinMessageBytes);
  absl::StatusOr<std::vector<EventStreamHeader>> headers =
      ReadHeaders(body.substr(0, headers_length));
  if (!headers.ok()) return headers.status();
  EventStreamMessage message;
  message.headers = *std::move(headers);
  message.payload = std::string(body.substr(headers_length));
  return message;
}

std::string EncodeEventStreamMessage(const EventStreamMessage& message) {
  std::string headers;
  for (const EventStreamHeader& header : message.headers) {
    AppendHeader(headers, header);
  }
  std::string out;
  AppendUint(
      out,
      kEventStreamMinMessageBytes + headers.size() + message.payload.size(), 4);
  AppendUint(out, headers.size(), 4);
  AppendUint(out, Crc32(out), 4);
  out += headers;
  out += message.payload;
  AppendUint(out, Crc32(out), 4);
  return out;
}

}  // namespace literllm
