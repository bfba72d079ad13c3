#include "service/call/upstream_transfer.h"

#include <utility>

namespace literllm {

void UpstreamTransfer::Start(HttpRequest request, absl::Time deadline,
                             HttpResponseHandler* handler) {
  absl::MutexLock lock(&mu_);
  id_ = transport_.Start(std::move(request), deadline, handler);
  if (cancelled_) transport_.Cancel(id_);
}

void UpstreamTransfer::WaitUntil(absl::Time when,
                                 std::function<void(bool cancelled)> then) {
  absl::ReleasableMutexLock lock(&mu_);
  if (cancelled_) {
    lock.Release();
    then(true);
    return;
  }
  // An alarm fires once; each wait gets its own.
  alarm_ = std::make_unique<grpc::Alarm>();
  alarm_->Set(absl::ToChronoTime(when),
              [then = std::move(then)](bool fired) { then(!fired); });
}

void UpstreamTransfer::Cancel() {
  absl::MutexLock lock(&mu_);
  cancelled_ = true;
  if (id_ != 0) transport_.Cancel(id_);
  if (alarm_ != nullptr) alarm_->Cancel();
}

void UpstreamTransfer::Resume() {
  absl::MutexLock lock(&mu_);
  if (id_ != 0) transport_.Resume(id_);
}

}  // namespace literllm
