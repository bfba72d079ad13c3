#include "service/http/http_server.h"

#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "boost/asio/post.hpp"
#include "boost/asio/strand.hpp"
#include "service/http/http_session.h"

namespace literllm {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// "host:port" (IPv6 hosts in brackets) as an endpoint.
absl::StatusOr<tcp::endpoint> Endpoint(absl::string_view listen) {
  size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == absl::string_view::npos ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http_listen: '", listen, "' is not HOST:PORT"));
  }
  std::string host(listen.substr(0, colon));
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  boost::system::error_code ec;
  net::ip::address address = net::ip::make_address(host, ec);
  if (ec) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http_listen: '", host, "' is not an IP address"));
  }
  return tcp::endpoint(address, static_cast<unsigned short>(port));
}

}  // namespace

HttpServer::HttpServer(Options options, HttpHandler& handler)
    : options_(std::move(options)), handler_(handler), acceptor_(io_) {}

HttpServer::~HttpServer() {
  if (!threads_.empty()) {
    BeginDrain();
    Stop(absl::Now());
  }
}

absl::Status HttpServer::Start() {
  absl::StatusOr<tcp::endpoint> endpoint = Endpoint(options_.listen);
  if (!endpoint.ok()) return endpoint.status();
  boost::system::error_code ec;
  acceptor_.open(endpoint->protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(*endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", options_.listen, " (HTTP): ", ec.message()));
  }
  port_ = acceptor_.local_endpoint().port();
  Accept();
  for (int i = 0; i < options_.threads; ++i) {
    threads_.emplace_back([this] { io_.run(); });
  }
  return absl::OkStatus();
}

void HttpServer::Accept() {
  acceptor_.async_accept(
      net::make_strand(io_),
      [this](boost::system::error_code ec, tcp::socket socket) {
        if (ec) {
          if (ec == net::error::operation_aborted || draining()) return;
          return Accept();  // e.g. too many open files: keep serving
        }
        socket.set_option(tcp::no_delay(true), ec);
        auto session = std::make_shared<HttpSession>(std::move(socket), *this);
        Opened(session);
        session->Run();
        Accept();
      });
}

void HttpServer::Opened(const std::shared_ptr<HttpSession>& session) {
  absl::MutexLock lock(&mu_);
  sessions_[session.get()] = session;
}

void HttpServer::Closed(HttpSession* session) {
  absl::MutexLock lock(&mu_);
  sessions_.erase(session);
}

void HttpServer::BeginDrain() {
  if (draining_.exchange(true)) return;
  // The listener stays open while draining: load balancers still probing
  // /readyz see 503, and a late request gets a clear 503, not a refused
  // connection.
  CloseSessions(/*force=*/false);
}

void HttpServer::CloseSessions(bool force) {
  // Closed outside the lock: dropping the last reference to a session
  // unregisters it, which takes the lock.
  std::vector<std::shared_ptr<HttpSession>> open;
  {
    absl::MutexLock lock(&mu_);
    for (auto& [raw, weak] : sessions_) {
      if (std::shared_ptr<HttpSession> session = weak.lock()) {
        open.push_back(std::move(session));
      }
    }
  }
  for (const auto& session : open) session->Close(force);
}

bool HttpServer::WaitForSessions(absl::Time deadline) {
  absl::MutexLock lock(&mu_);
  auto none = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return sessions_.empty();
  };
  return mu_.AwaitWithDeadline(absl::Condition(&none), deadline);
}

void HttpServer::Stop(absl::Time deadline) {
  // Still accepting (new requests get 503) until the calls in flight ended.
  bool drained = WaitForSessions(deadline);
  net::post(io_, [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  });
  if (!drained) {
    CloseSessions(/*force=*/true);
    // Cancelled calls end promptly; their last writes fail and release the
    // connections.
    WaitForSessions(absl::Now() + absl::Seconds(10));
  }
  io_.stop();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

}  // namespace literllm
