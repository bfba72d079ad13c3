#ifndef LITERLLM_PROVIDERS_HTTP_CURL_LOOP_H_
#define LITERLLM_PROVIDERS_HTTP_CURL_LOOP_H_

#include <curl/curl.h>

#include <atomic>
#include <memory>
#include <thread>
#include <variant>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "providers/http/transport.h"

namespace literllm {

// One event-loop thread running libcurl's multi interface: an HttpTransport
// on its own. Thousands of transfers in flight cost memory, not threads.
// Connections, DNS results and TLS sessions are reused across transfers
// through the loop's multi handle (HTTP/2 multiplexing over TLS where the
// provider offers it). Handler callbacks run on the loop thread.
class CurlLoop final : public HttpTransport {
 public:
  struct Options {
    absl::Duration connect_timeout = absl::Seconds(10);
    // TCP keep-alive probes on idle pooled connections.
    absl::Duration tcp_keepalive = absl::Seconds(30);
    // Ids this loop hands out: first_id, first_id + id_stride, ... so that
    // several loops never share one.
    TransferId first_id = 1;
    TransferId id_stride = 1;
  };

  explicit CurlLoop(Options options);
  // Completes every outstanding transfer with CANCELLED, then joins the loop.
  ~CurlLoop() override;

  TransferId Start(HttpRequest request, absl::Time deadline,
                   HttpResponseHandler* handler) override;
  void Cancel(TransferId id) override;
  void Resume(TransferId id) override;

  // New TCP connections opened so far (reuse keeps this below the number of
  // transfers).
  int64_t connections_opened() const { return connections_opened_.load(); }

 private:
  struct Transfer;
  struct StartCommand {
    std::unique_ptr<Transfer> transfer;
  };
  struct CancelCommand {
    TransferId id;
  };
  struct ResumeCommand {
    TransferId id;
  };
  using Command = std::variant<StartCommand, CancelCommand, ResumeCommand>;

  static constexpr size_t kMaxIdleEasyHandles = 1024;
  static constexpr size_t kMaxIdleConnections = 1024;

  void Post(Command command);
  void Wake();
  static int OnSocket(CURL* easy, curl_socket_t socket, int what, void* self,
                      void* socket_data);
  static int OnTimer(CURLM* multi, long timeout_ms, void* self);
  // How long the loop may sleep before libcurl's next timeout (-1: no limit).
  int TimerWaitMs() const;
  void Loop();
  // Runs queued commands; false once the transport is stopping.
  bool RunCommands();
  void Begin(std::unique_ptr<Transfer> transfer);
  void CollectFinished();
  CURL* TakeEasy();
  void ReturnEasy(CURL* easy);
  void Finish(TransferId id, absl::Status status);

  const Options options_;
  CURLM* const multi_;
  const int epoll_fd_;
  const int wake_fd_;  // eventfd: commands are waiting
  std::atomic<bool> wake_pending_{false};
  std::atomic<TransferId> next_id_;
  std::atomic<int64_t> connections_opened_{0};

  absl::Mutex mu_;
  std::vector<Command> commands_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;

  // Loop thread only.
  absl::flat_hash_map<TransferId, std::unique_ptr<Transfer>> transfers_;
  absl::Time timer_due_ = absl::InfiniteFuture();  // libcurl's next timeout
  std::vector<CURL*> idle_easy_;

  std::thread loop_;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_CURL_LOOP_H_
