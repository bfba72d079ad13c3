#include "tests/fake_http/request_reader.h"

#include <sys/socket.h>
#include <sys/types.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace literllm::testing {
namespace {

// Bounds that keep a confused client from exhausting a test's memory.
constexpr size_t kMaxHeadBytes = 1 << 20;
constexpr int64_t kMaxBodyBytes = int64_t{256} << 20;
constexpr size_t kRecvChunk = 16 * 1024;

// Appends what the socket has to `buffer`; false on EOF or error.
bool RecvMore(int fd, std::string& buffer) {
  const size_t old_size = buffer.size();
  buffer.resize(old_size + kRecvChunk);
  ssize_t n;
  do {
    n = recv(fd, &buffer[old_size], kRecvChunk, 0);
  } while (n < 0 && errno == EINTR);
  buffer.resize(old_size + (n > 0 ? n : 0));
  return n > 0;
}

// Fills `request` from the request line and header lines.
bool ParseHead(absl::string_view head, RecordedRequest& request) {
  std::vector<absl::string_view> lines = absl::StrSplit(head, "\r\n");
  std::vector<absl::string_view> parts =
      absl::StrSplit(lines[0], ' ', absl::SkipEmpty());
  if (parts.size() != 3 || !absl::StartsWith(parts[2], "HTTP/1.")) {
    return false;
  }
  request.method = std::string(parts[0]);
  request.path = std::string(parts[1]);
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t colon = lines[i].find(':');
    if (colon == 0 || colon == absl::string_view::npos) return false;
    request.headers.emplace_back(
        std::string(lines[i].substr(0, colon)),
        std::string(absl::StripAsciiWhitespace(lines[i].substr(colon + 1))));
  }
  return true;
}

// Reads until `buffer` holds a whole head; returns its size without the
// blank line, or npos when the client went away or sent too much.
size_t ReadHead(int fd, std::string& buffer, bool& too_large) {
  size_t scanned = 0;
  while (true) {
    // A request may be preceded by stray CRLFs (RFC 9112 section 2.2).
    while (absl::StartsWith(buffer, "\r\n")) buffer.erase(0, 2);
    const size_t end = buffer.find("\r\n\r\n", scanned);
    if (end != std::string::npos) return end;
    if (buffer.size() > kMaxHeadBytes) {
      too_large = true;
      return std::string::npos;
    }
    scanned = buffer.size() < 3 ? 0 : buffer.size() - 3;
    if (!RecvMore(fd, buffer)) return std::string::npos;
  }
}

}  // namespace

bool SendAll(int fd, absl::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(n);
  }
  return true;
}

ReadOutcome ReadRequest(int fd, std::string& buffer, RecordedRequest& request) {
  request = RecordedRequest();
  bool too_large = false;
  const size_t head_size = ReadHead(fd, buffer, too_large);
  if (head_size == std::string::npos) {
    return too_large ? ReadOutcome::kMalformed : ReadOutcome::kClosed;
  }
  if (!ParseHead(absl::string_view(buffer).substr(0, head_size), request)) {
    return ReadOutcome::kMalformed;
  }
  if (!request.Header("Transfer-Encoding").empty()) {
    return ReadOutcome::kUnsupported;
  }
  int64_t length = 0;
  const std::string length_text = request.Header("Content-Length");
  if (!length_text.empty() && (!absl::SimpleAtoi(length_text, &length) ||
                               length < 0 || length > kMaxBodyBytes)) {
    return ReadOutcome::kMalformed;
  }
  const size_t body_start = head_size + 4;
  const size_t body_end = body_start + static_cast<size_t>(length);
  if (buffer.size() < body_end &&
      absl::EqualsIgnoreCase(request.Header("Expect"), "100-continue") &&
      !SendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n")) {
    return ReadOutcome::kClosed;
  }
  while (buffer.size() < body_end) {
    if (!RecvMore(fd, buffer)) return ReadOutcome::kClosed;
  }
  request.body = buffer.substr(body_start, length);
  buffer.erase(0, body_end);
  return ReadOutcome::kRequest;
}

}  // namespace literllm::testing
