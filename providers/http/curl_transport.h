#ifndef LITERLLM_PROVIDERS_HTTP_CURL_TRANSPORT_H_
#define LITERLLM_PROVIDERS_HTTP_CURL_TRANSPORT_H_

#include <memory>
#include <vector>

#include "absl/time/time.h"
#include "providers/http/curl_loop.h"
#include "providers/http/transport.h"

namespace literllm {

// The server's HttpTransport: a fixed number of CurlLoop threads, each with
// its own connections, sharing the transfers round-robin. One loop handles
// thousands of transfers; more than one lets upstream I/O, parsing and the
// gRPC replies sent from the loop use more than one core. The thread count
// never changes with load.
class CurlTransport final : public HttpTransport {
 public:
  struct Options {
    int loops = 1;
    absl::Duration connect_timeout = absl::Seconds(10);
    absl::Duration tcp_keepalive = absl::Seconds(30);
  };

  CurlTransport() : CurlTransport(Options()) {}
  explicit CurlTransport(Options options);

  TransferId Start(HttpRequest request, absl::Time deadline,
                   HttpResponseHandler* handler) override;
  void Cancel(TransferId id) override;
  void Resume(TransferId id) override;

  // New TCP connections opened so far, over all loops.
  int64_t connections_opened() const;

 private:
  // Ids are handed out so that (id - 1) % loops is the owning loop.
  CurlLoop& LoopOf(TransferId id) { return *loops_[(id - 1) % loops_.size()]; }

  std::vector<std::unique_ptr<CurlLoop>> loops_;
  std::atomic<size_t> next_loop_{0};
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_CURL_TRANSPORT_H_
