#ifndef LITERLLM_SERVICE_HTTP_HTTP_SERVER_H_
#define LITERLLM_SERVICE_HTTP_HTTP_SERVER_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "boost/asio/io_context.hpp"
#include "boost/asio/ip/tcp.hpp"
#include "service/http/http_exchange.h"

namespace literllm {

class HttpSession;

// The HTTP/1.1 listener (keep-alive, chunked answers) on Boost.Beast: a
// fixed set of threads runs every connection's asynchronous I/O, each
// connection on its own strand; no thread per connection, nothing blocks.
// Start and Stop are called from one thread (main).
class HttpServer {
 public:
  struct Options {
    std::string listen = "0.0.0.0:8080";
    int threads = 2;
    size_t max_body_bytes = 32 << 20;
  };

  // `handler` serves every request and must outlive the server.
  HttpServer(Options options, HttpHandler& handler);
  ~HttpServer();

  absl::Status Start();
  int port() const { return port_; }

  // Idle keep-alive connections close, busy ones after their answer; new
  // requests are answered 503 (readiness reports not ready) on connections
  // that close after it.
  void BeginDrain();
  bool draining() const { return draining_.load(); }
  // After BeginDrain: waits until every connection closed or `deadline`
  // passed, stops accepting, then closes the rest (cancelling the calls behind
  // them), waits for them to wind down and stops the threads.
  void Stop(absl::Time deadline);

  // For sessions.
  HttpHandler& handler() { return handler_; }
  size_t max_body_bytes() const { return options_.max_body_bytes; }
  void Opened(const std::shared_ptr<HttpSession>& session)
      ABSL_LOCKS_EXCLUDED(mu_);
  void Closed(HttpSession* session) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Accept();
  void CloseSessions(bool force) ABSL_LOCKS_EXCLUDED(mu_);
  bool WaitForSessions(absl::Time deadline) ABSL_LOCKS_EXCLUDED(mu_);

  const Options options_;
  HttpHandler& handler_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  int port_ = 0;
  std::atomic<bool> draining_{false};

  absl::Mutex mu_;
  absl::flat_hash_map<HttpSession*, std::weak_ptr<HttpSession>> sessions_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_HTTP_SERVER_H_
