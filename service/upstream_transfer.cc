#include "service/upstream_transfer.h"

#include <utility>

namespace literllm {

void UpstreamTransfer::Start(HttpRequest request, absl::Time deadline,
                             HttpResponseHandler* handler) {
  absl::MutexLock lock(&mu_);
  id_ = transport_.Start(std::move(request), deadline, handler);
  if (cancelled_) transport_.Cancel(id_);
}

void UpstreamTransfer::Cancel() {
  absl::MutexLock lock(&mu_);
  cancelled_ = true;
  if (id_ != 0) transport_.Cancel(id_);
}

void UpstreamTransfer::Resume() {
  absl::MutexLock lock(&mu_);
  if (id_ != 0) transport_.Resume(id_);
}

}  // namespace literllm
