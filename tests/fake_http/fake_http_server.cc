#include "tests/fake_http/fake_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/fake_http/request_reader.h"

namespace literllm::testing {
namespace {

// Tests open a thousand connections at once; none may wait in a full queue.
constexpr int kListenBacklog = 4096;

void CheckOrDie(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "FakeHttpServer: %s failed: %s\n", what,
               std::strerror(errno));
  std::abort();
}

// Clamped so that an infinite timeout cannot overflow the clock arithmetic.
std::chrono::nanoseconds ToChrono(absl::Duration timeout) {
  return absl::ToChronoNanoseconds(
      std::max(absl::ZeroDuration(), std::min(timeout, absl::Hours(24 * 365))));
}

}  // namespace

std::string RecordedRequest::Header(absl::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (absl::EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

FakeHttpServer::FakeHttpServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  CheckOrDie(listen_fd_ >= 0, "socket");
  const int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  CheckOrDie(
      bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0,
      "bind");
  CheckOrDie(listen(listen_fd_, kListenBacklog) == 0, "listen");
  socklen_t len = sizeof(addr);
  CheckOrDie(
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0,
      "getsockname");
  port_ = ntohs(addr.sin_port);
  stop_fd_ = eventfd(0, EFD_CLOEXEC);
  CheckOrDie(stop_fd_ >= 0, "eventfd");
  accept_thread_ = std::thread([this] { AcceptLoop(); });
}

FakeHttpServer::~FakeHttpServer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_.store(true, std::memory_order_release);
    // Wakes threads blocked in recv or send; handlers in Sleep wake on
    // stop_fd_ below.
    for (Connection& c : connections_) {
      if (c.fd >= 0) shutdown(c.fd, SHUT_RDWR);
    }
  }
  const uint64_t one = 1;
  CheckOrDie(write(stop_fd_, &one, sizeof(one)) == sizeof(one), "write");
  accept_thread_.join();
  std::list<Connection> connections;
  {
    std::lock_guard<std::mutex> lock(mu_);
    connections.swap(connections_);  // nodes, and so their addresses, stay
  }
  for (Connection& c : connections) c.thread.join();
  close(listen_fd_);
  close(stop_fd_);
}

std::string FakeHttpServer::base_url() const {
  return absl::StrCat("http://127.0.0.1:", port_);
}

std::vector<RecordedRequest> FakeHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

int FakeHttpServer::request_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(requests_.size());
}

int FakeHttpServer::connections_accepted() const {
  std::lock_guard<std::mutex> lock(mu_);
  return connections_accepted_;
}

int FakeHttpServer::peer_closes_during_response() const {
  std::lock_guard<std::mutex> lock(mu_);
  return peer_closes_;
}

bool FakeHttpServer::WaitForRequests(int n, absl::Duration timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  return changed_.wait_for(lock, ToChrono(timeout), [&] {
    return static_cast<int>(requests_.size()) >= n;
  });
}

bool FakeHttpServer::WaitForPeerCloses(int n, absl::Duration timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  return changed_.wait_for(lock, ToChrono(timeout),
                           [&] { return peer_closes_ >= n; });
}

void FakeHttpServer::set_handler(Handler handler) {
  std::lock_guard<std::mutex> lock(mu_);
  handler_ = std::move(handler);
}

void FakeHttpServer::CountPeerClose() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++peer_closes_;
  }
  changed_.notify_all();
}

void FakeHttpServer::AcceptLoop() {
  while (!stopping()) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0 || fds[1].revents != 0) continue;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      // EMFILE and friends: give the test's other threads a moment.
      if (errno != EINTR && errno != ECONNABORTED) usleep(10 * 1000);
      continue;
    }
    ReapFinishedConnections();
    StartConnection(fd);
  }
}

void FakeHttpServer::StartConnection(int fd) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping()) {
    close(fd);
    return;
  }
  ++connections_accepted_;
  Connection& connection = connections_.emplace_back();
  connection.fd = fd;
  connection.thread =
      std::thread([this, &connection] { ServeConnection(connection); });
}

void FakeHttpServer::ReapFinishedConnections() {
  std::vector<std::thread> finished;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      if (!it->done) {
        ++it;
        continue;
      }
      finished.push_back(std::move(it->thread));
      it = connections_.erase(it);
    }
  }
  for (std::thread& t : finished) t.join();
}

void FakeHttpServer::ServeConnection(Connection& connection) {
  std::string buffer;  // bytes read past the current request
  while (ServeOneRequest(connection.fd, buffer)) {
  }
  std::lock_guard<std::mutex> lock(mu_);
  close(connection.fd);
  connection.fd = -1;
  connection.done = true;
}

bool FakeHttpServer::ServeOneRequest(int fd, std::string& buffer) {
  RecordedRequest request;
  switch (ReadRequest(fd, buffer, request)) {
    case ReadOutcome::kRequest:
      break;
    case ReadOutcome::kClosed:
      return false;
    case ReadOutcome::kMalformed:
      SendAll(fd, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
      return false;
    case ReadOutcome::kUnsupported:
      SendAll(fd, "HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n");
      return false;
  }
  Handler handler;
  {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    handler = handler_;
  }
  changed_.notify_all();
  ResponseWriter writer(
      *this, fd, absl::EqualsIgnoreCase(request.Header("Connection"), "close"));
  if (handler) handler(request, writer);
  return writer.FinishAndCanReuse() && !stopping();
}

int FakeHttpServer::ServeUntilStdinCloses(Handler handler) {
  FakeHttpServer server(std::move(handler));
  std::printf("port %d\n", server.port());
  std::fflush(stdout);
  char buffer[64];
  while (read(STDIN_FILENO, buffer, sizeof buffer) > 0) {
  }
  return 0;
}

}  // namespace literllm::testing
