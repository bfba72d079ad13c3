#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/fake_http/fake_http_server.h"
#include "tests/fake_http/request_reader.h"

namespace literllm::testing {
namespace {

absl::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 529:
      return "Overloaded";
    default:
      return "Status";
  }
}

bool HasHeader(const FakeHeaders& headers, absl::string_view name) {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) {
    return absl::EqualsIgnoreCase(h.first, name);
  });
}

std::string FormatHead(int status, const FakeHeaders& headers, bool chunked) {
  std::string head =
      absl::StrCat("HTTP/1.1 ", status, " ", ReasonPhrase(status), "\r\n");
  for (const auto& [name, value] : headers) {
    absl::StrAppend(&head, name, ": ", value, "\r\n");
  }
  if (chunked) head += "Transfer-Encoding: chunked\r\n";
  head += "\r\n";
  return head;
}

}  // namespace

ResponseWriter::ResponseWriter(FakeHttpServer& server, int fd,
                               bool client_wants_close)
    : server_(server), fd_(fd), client_wants_close_(client_wants_close) {}

bool ResponseWriter::Write(absl::string_view raw_bytes) {
  if (!head_sent_) raw_before_head_ = true;
  if (!Send(raw_bytes)) return false;
  if (head_sent_ && !chunked_) body_written_ += raw_bytes.size();
  return true;
}

bool ResponseWriter::SendHead(int status, const FakeHeaders& headers,
                              bool chunked) {
  head_sent_ = true;
  chunked_ = chunked;
  for (const auto& [name, value] : headers) {
    if (absl::EqualsIgnoreCase(name, "Content-Length") &&
        !absl::SimpleAtoi(value, &content_length_)) {
      content_length_ = -1;
    }
  }
  return Send(FormatHead(status, headers, chunked));
}

bool ResponseWriter::SendJson(int status, absl::string_view json,
                              const FakeHeaders& headers) {
  FakeHeaders all = headers;
  if (!HasHeader(all, "Content-Type")) {
    all.emplace_back("Content-Type", "application/json");
  }
  all.emplace_back("Content-Length", absl::StrCat(json.size()));
  head_sent_ = true;
  content_length_ = json.size();
  // One send, so the client never sees a head without its body.
  if (!Send(absl::StrCat(FormatHead(status, all, false), json))) return false;
  body_written_ = json.size();
  return true;
}

bool ResponseWriter::SendChunk(absl::string_view data) {
  if (data.empty()) return !closed_ && !peer_gone_;
  return Send(absl::StrCat(absl::Hex(data.size()), "\r\n", data, "\r\n"));
}

bool ResponseWriter::EndChunks() {
  if (!Send("0\r\n\r\n")) return false;
  chunks_ended_ = true;
  return true;
}

bool ResponseWriter::Sleep(absl::Duration d) {
  return Wait(d, /*drain=*/false) == WaitResult::kTimeout;
}

bool ResponseWriter::WaitForPeerClose(absl::Duration timeout) {
  return Wait(timeout, /*drain=*/true) == WaitResult::kPeerClosed;
}

void ResponseWriter::CloseConnection() {
  if (closed_) return;
  closed_ = true;
  // Only shut down: the connection thread closes the descriptor, under the
  // server's lock, so a stopping server never shuts down a reused number.
  shutdown(fd_, SHUT_RDWR);
}

void ResponseWriter::ResetConnection() {
  if (closed_) return;
  closed_ = true;
  // With a zero linger, the close when the handler returns sends an RST.
  struct linger abort_on_close = {1, 0};
  setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort_on_close,
             sizeof(abort_on_close));
}

bool ResponseWriter::Send(absl::string_view bytes) {
  if (closed_ || peer_gone_) return false;
  // A send into a socket the peer already closed still succeeds once, so
  // look for its FIN first to report the close promptly.
  if (PeerClosedNow() || !SendAll(fd_, bytes)) {
    NotePeerGone();
    return false;
  }
  return true;
}

bool ResponseWriter::PeerClosedNow() {
  char byte;
  const ssize_t n = recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0) return true;
  return n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
}

void ResponseWriter::NotePeerGone() {
  if (peer_gone_) return;
  peer_gone_ = true;
  // A stopping server shuts sockets down itself; that is no client's doing.
  if (!server_.stopping()) server_.CountPeerClose();
}

ResponseWriter::WaitResult ResponseWriter::Wait(absl::Duration timeout,
                                                bool drain) {
  if (peer_gone_) return WaitResult::kPeerClosed;
  const absl::Time deadline = absl::Now() + timeout;
  // Stop watching the socket once it holds unread request bytes (a pipelined
  // request): they keep it readable, and Sleep must not consume them.
  bool watch_socket = !closed_ && !peer_gone_;
  while (!server_.stopping()) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) return WaitResult::kTimeout;
    const int64_t ms =
        absl::ToInt64Milliseconds(absl::Ceil(left, absl::Milliseconds(1)));
    pollfd fds[2] = {{server_.stop_fd_, POLLIN, 0},
                     {watch_socket ? fd_ : -1, POLLIN, 0}};
    if (poll(fds, 2, static_cast<int>(std::min<int64_t>(ms, INT_MAX))) <= 0 ||
        fds[0].revents != 0 || fds[1].revents == 0) {
      continue;  // timeout, EINTR or stop: the loop condition decides
    }
    char scratch[512];
    const ssize_t n = recv(fd_, scratch, drain ? sizeof(scratch) : 1,
                           drain ? MSG_DONTWAIT : MSG_PEEK | MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
      if (server_.stopping()) break;
      NotePeerGone();
      return WaitResult::kPeerClosed;
    }
    if (n > 0 && !drain) watch_socket = false;
  }
  return WaitResult::kStopping;
}

bool ResponseWriter::FinishAndCanReuse() {
  if (closed_ || peer_gone_) return false;
  if (!head_sent_ && !raw_before_head_) {
    SendJson(500, R"({"error":"the fake handler sent no response"})");
  }
  const bool framed =
      chunked_ ? chunks_ended_
               : content_length_ >= 0 && body_written_ == content_length_;
  return framed && !raw_before_head_ && !client_wants_close_ && !peer_gone_;
}

}  // namespace literllm::testing
