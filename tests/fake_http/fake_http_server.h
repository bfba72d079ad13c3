#ifndef LITERLLM_TESTS_FAKE_HTTP_FAKE_HTTP_SERVER_H_
#define LITERLLM_TESTS_FAKE_HTTP_FAKE_HTTP_SERVER_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace literllm::testing {

using FakeHeaders = std::vector<std::pair<std::string, std::string>>;

// One HTTP request as the fake server received it.
struct RecordedRequest {
  std::string method;
  std::string path;  // the request target, query string included
  FakeHeaders headers;
  std::string body;

  // The first header with this name (case-insensitive), or "" when absent.
  std::string Header(absl::string_view name) const;
};

class FakeHttpServer;

// Writes one response. The server creates one per request and hands it to the
// handler on the connection's own thread; it is not thread-safe. Writes
// return false once the client is gone (or the server is stopping); the first
// write or wait that sees the client gone counts in
// peer_closes_during_response(). A client that half-closes counts as gone.
//
// The connection is kept alive for the next request only when the response
// was framed: SendJson, SendHead with Content-Length followed by exactly that
// many Write bytes, or a chunked head finished with EndChunks. Otherwise the
// server closes the connection when the handler returns. A handler that sends
// nothing gets a 500 written for it.
class ResponseWriter {
 public:
  ResponseWriter(const ResponseWriter&) = delete;
  ResponseWriter& operator=(const ResponseWriter&) = delete;

  // Raw bytes to the socket, for malformed or hand-made responses.
  bool Write(absl::string_view raw_bytes);
  // Status line and headers; `chunked` adds Transfer-Encoding: chunked.
  bool SendHead(int status, const FakeHeaders& headers = {},
                bool chunked = false);
  // A complete response with Content-Type: application/json (unless
  // `headers` names another) and Content-Length.
  bool SendJson(int status, absl::string_view json,
                const FakeHeaders& headers = {});
  // One chunk of a chunked body; an empty `data` writes nothing.
  bool SendChunk(absl::string_view data);
  // The terminating zero-size chunk.
  bool EndChunks();
  // Sleeps, watching the socket. Returns true after the full duration, false
  // early when the client closes the connection or the server stops.
  bool Sleep(absl::Duration d);
  // True when the client closed the connection within `timeout` (bytes it
  // sends meanwhile are discarded); false on timeout or server stop.
  bool WaitForPeerClose(absl::Duration timeout);
  // Closes the connection now with a FIN, e.g. to cut a stream short.
  void CloseConnection();
  // Makes the connection end with a TCP reset (RST) when the handler returns.
  void ResetConnection();

 private:
  friend class FakeHttpServer;
  enum class WaitResult { kTimeout, kPeerClosed, kStopping };

  ResponseWriter(FakeHttpServer& server, int fd, bool client_wants_close);
  bool Send(absl::string_view bytes);
  bool PeerClosedNow();
  void NotePeerGone();
  WaitResult Wait(absl::Duration timeout, bool drain);
  // Writes a 500 when the handler sent nothing; true if the connection may
  // serve another request.
  bool FinishAndCanReuse();

  FakeHttpServer& server_;
  const int fd_;
  const bool client_wants_close_;
  bool closed_ = false;     // we closed or reset the connection
  bool peer_gone_ = false;  // a write or wait saw the client go away
  bool raw_before_head_ = false;
  bool head_sent_ = false;
  bool chunked_ = false;
  bool chunks_ended_ = false;
  int64_t content_length_ = -1;
  int64_t body_written_ = 0;
};

// Runs on a connection thread, once per request.
using Handler =
    std::function<void(const RecordedRequest& request, ResponseWriter& writer)>;

// A real HTTP/1.1 server on 127.0.0.1 with a scripted handler, to play an LLM
// provider in tests. One thread accepts; each connection gets its own thread
// and serves its requests in order (keep-alive). Chunked request bodies are
// answered with 501.
class FakeHttpServer {
 public:
  // A fake provider as a process (fake-openai, fake-anthropic): serves with
  // `handler`, prints "port N" on stdout, and returns 0 once stdin closes
  // (the test that started it is gone).
  static int ServeUntilStdinCloses(Handler handler);

  // Binds 127.0.0.1 on a free port and starts accepting at once. Crashes if
  // the socket cannot be set up (a broken test environment).
  explicit FakeHttpServer(Handler handler);
  // Closes the listening socket and every connection, wakes sleeping
  // handlers and joins all threads.
  ~FakeHttpServer();

  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:<port>"

  std::vector<RecordedRequest> requests() const;  // in arrival order
  int request_count() const;
  int connections_accepted() const;
  // Responses the client interrupted by closing or resetting the connection,
  // which proves a cancellation reached the upstream.
  int peer_closes_during_response() const;

  bool WaitForRequests(int n, absl::Duration timeout) const;
  bool WaitForPeerCloses(int n, absl::Duration timeout) const;

  // Applies to requests that arrive afterwards.
  void set_handler(Handler handler);

 private:
  friend class ResponseWriter;
  struct Connection {
    int fd;
    bool done = false;
    std::thread thread;
  };

  void AcceptLoop();
  void StartConnection(int fd);
  void ReapFinishedConnections();
  void ServeConnection(Connection& connection);
  bool ServeOneRequest(int fd, std::string& buffer);
  void CountPeerClose();
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

  int listen_fd_ = -1;
  int stop_fd_ = -1;  // an eventfd, readable once the server stops
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread accept_thread_;

  // std::mutex rather than absl::Mutex: Debian's prebuilt Abseil is not
  // instrumented, so ThreadSanitizer cannot see absl::Mutex synchronize.
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;  // a request or peer close came
  Handler handler_ ABSL_GUARDED_BY(mu_);
  std::list<Connection> connections_ ABSL_GUARDED_BY(mu_);
  std::vector<RecordedRequest> requests_ ABSL_GUARDED_BY(mu_);
  int connections_accepted_ ABSL_GUARDED_BY(mu_) = 0;
  int peer_closes_ ABSL_GUARDED_BY(mu_) = 0;
};

// Answers every request with `status` and the JSON `body`.
Handler JsonHandler(int status, std::string body, FakeHeaders headers = {});

// Answers every request with 200 text/event-stream, chunked, one chunk per
// entry of `events` (each the full text of one event, blank line included),
// sleeping `delay_between` between them. Ends with the zero chunk, or, when
// `close_before_end`, closes the connection without it (a cut stream).
Handler SseHandler(std::vector<std::string> events,
                   absl::Duration delay_between = absl::ZeroDuration(),
                   bool close_before_end = false);

// Answers every request with 200 text/event-stream, chunked, sending `body`
// in pieces of 1 to 7 bytes (pausing now and then), so events, lines, CRLF
// pairs and UTF-8 sequences arrive split at awkward offsets.
Handler SplitSseHandler(std::string body);

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_FAKE_HTTP_FAKE_HTTP_SERVER_H_
