#ifndef LITERLLM_SERVICE_UPSTREAM_TRANSFER_H_
#define LITERLLM_SERVICE_UPSTREAM_TRANSFER_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "providers/http/transport.h"

namespace literllm {

// The one upstream transfer of a call. gRPC may cancel a call on any thread,
// even while its reactor is still starting the transfer; a cancel that comes
// first is remembered and applied as soon as the transfer exists.
class UpstreamTransfer {
 public:
  explicit UpstreamTransfer(HttpTransport& transport) : transport_(transport) {}

  void Start(HttpRequest request, absl::Time deadline,
             HttpResponseHandler* handler) ABSL_LOCKS_EXCLUDED(mu_);
  void Cancel() ABSL_LOCKS_EXCLUDED(mu_);
  void Resume() ABSL_LOCKS_EXCLUDED(mu_);

 private:
  HttpTransport& transport_;
  absl::Mutex mu_;
  TransferId id_ ABSL_GUARDED_BY(mu_) = 0;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_UPSTREAM_TRANSFER_H_
