#ifndef LITERLLM_PROVIDERS_HTTP_TRANSPORT_H_
#define LITERLLM_PROVIDERS_HTTP_TRANSPORT_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "providers/http/http_request.h"

namespace literllm {

// Receives one transfer's answer. Every call runs on the transport's event
// loop thread, in this order: OnHead at most once, OnBody zero or more times,
// OnComplete exactly once. After OnComplete the transport never touches the
// handler again, so the handler must outlive the transfer until then.
class HttpResponseHandler {
 public:
  enum class BodyAction {
    kContinue,  // bytes consumed
    kPause,  // bytes NOT consumed: pause; they are delivered again after Resume
    kAbort,  // stop the transfer; OnComplete(Cancelled) follows
  };

  virtual ~HttpResponseHandler() = default;
  virtual void OnHead(const HttpResponseHead& head) = 0;
  virtual BodyAction OnBody(absl::string_view bytes) = 0;
  // OK when the whole body arrived; otherwise why the transfer failed
  // (UNAVAILABLE for network errors, DEADLINE_EXCEEDED, CANCELLED).
  virtual void OnComplete(absl::Status status) = 0;
};

using TransferId = uint64_t;

// Runs HTTP transfers without blocking the caller. All methods are
// thread-safe and return at once; the work happens on the transport's thread.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual TransferId Start(HttpRequest request, absl::Time deadline,
                           HttpResponseHandler* handler) = 0;
  // Aborts the transfer (closing its connection); OnComplete(CANCELLED)
  // follows unless the transfer had already completed. Unknown ids are ignored.
  virtual void Cancel(TransferId id) = 0;
  // Resumes a transfer paused by BodyAction::kPause.
  virtual void Resume(TransferId id) = 0;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_TRANSPORT_H_
