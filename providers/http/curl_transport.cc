#include "providers/http/curl_transport.h"

#include <algorithm>
#include <utility>

namespace literllm {

CurlTransport::CurlTransport(Options options) {
  const int count = std::max(1, options.loops);
  for (int i = 0; i < count; ++i) {
    CurlLoop::Options loop;
    loop.connect_timeout = options.connect_timeout;
    loop.tcp_keepalive = options.tcp_keepalive;
    loop.first_id = static_cast<TransferId>(i + 1);
    loop.id_stride = static_cast<TransferId>(count);
    loops_.push_back(std::make_unique<CurlLoop>(loop));
  }
}

TransferId CurlTransport::Start(HttpRequest request, absl::Time deadline,
                                HttpResponseHandler* handler) {
  size_t i = next_loop_.fetch_add(1, std::memory_order_relaxed) % loops_.size();
  return loops_[i]->Start(std::move(request), deadline, handler);
}

void CurlTransport::Cancel(TransferId id) { LoopOf(id).Cancel(id); }

void CurlTransport::Resume(TransferId id) { LoopOf(id).Resume(id); }

int64_t CurlTransport::connections_opened() const {
  int64_t total = 0;
  for (const auto& loop : loops_) total += loop->connections_opened();
  return total;
}

}  // namespace literllm
