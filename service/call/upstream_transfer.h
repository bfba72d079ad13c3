#ifndef LITERLLM_SERVICE_CALL_UPSTREAM_TRANSFER_H_
#define LITERLLM_SERVICE_CALL_UPSTREAM_TRANSFER_H_

#include <grpcpp/alarm.h>

#include <functional>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "providers/http/transport.h"

namespace literllm {

// The upstream transfers of a call, one at a time, and the waits between
// retries. gRPC may cancel a call on any thread, even while its reactor is
// still starting a transfer or waiting to retry; a cancel that comes first is
// remembered and applied as soon as the transfer exists, and a cancel during
// a wait ends the wait at once.
class UpstreamTransfer {
 public:
  explicit UpstreamTransfer(HttpTransport& transport) : transport_(transport) {}

  void Start(HttpRequest request, absl::Time deadline,
             HttpResponseHandler* handler) ABSL_LOCKS_EXCLUDED(mu_);
  // Calls `then(false)` at `when` on a gRPC thread, or `then(true)` as soon as
  // the call is cancelled, whichever comes first; exactly once.
  void WaitUntil(absl::Time when, std::function<void(bool cancelled)> then)
      ABSL_LOCKS_EXCLUDED(mu_);
  void Cancel() ABSL_LOCKS_EXCLUDED(mu_);
  void Resume() ABSL_LOCKS_EXCLUDED(mu_);

 private:
  HttpTransport& transport_;
  absl::Mutex mu_;
  TransferId id_ ABSL_GUARDED_BY(mu_) = 0;
  std::unique_ptr<grpc::Alarm> alarm_ ABSL_GUARDED_BY(mu_);
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_UPSTREAM_TRANSFER_H_
