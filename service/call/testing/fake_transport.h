#ifndef LITERLLM_SERVICE_CALL_TESTING_FAKE_TRANSPORT_H_
#define LITERLLM_SERVICE_CALL_TESTING_FAKE_TRANSPORT_H_

#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "providers/http/transport.h"

namespace literllm {

// The scripted answer to one transfer.
struct FakeAnswer {
  absl::Duration delay;  // before the head
  int status = 200;
  HttpHeaders headers;
  // The body, delivered piece by piece, `interval` apart.
  std::vector<std::string> pieces;
  absl::Duration interval;
  // How the transfer ends after the last piece: OK, or a transport failure
  // (e.g. a typed network failure: a cut connection).
  absl::Status end;
  bool hang = false;  // never ends by itself: only a cancel or the deadline
};

// An HttpTransport in the process, for tests of the call: each Start takes
// the next scripted answer and plays it on the fake's own thread, with the
// real transport's contract (OnHead, OnBody with pause/resume, OnComplete
// once; CANCELLED after Cancel; a timeout at the deadline). No sockets.
class FakeTransport final : public HttpTransport {
 public:
  FakeTransport();
  ~FakeTransport() override;

  // Answers are used in order; a Start with none left fails with a network
  // failure naming the missing script.
  void Enqueue(FakeAnswer answer) ABSL_LOCKS_EXCLUDED(mu_);

  TransferId Start(HttpRequest request, absl::Time deadline,
                   HttpResponseHandler* handler) override
      ABSL_LOCKS_EXCLUDED(mu_);
  // Start returns this long after handing the transfer to the fake's
  // thread, which may play it to its end meanwhile.
  void set_return_delay(absl::Duration delay) { return_delay_ = delay; }
  void Cancel(TransferId id) override ABSL_LOCKS_EXCLUDED(mu_);
  void Resume(TransferId id) override ABSL_LOCKS_EXCLUDED(mu_);

  // What the call did to the upstream.
  std::vector<HttpRequest> requests() const ABSL_LOCKS_EXCLUDED(mu_);
  std::vector<absl::Time> start_times() const ABSL_LOCKS_EXCLUDED(mu_);
  int cancelled() const ABSL_LOCKS_EXCLUDED(mu_);
  int pauses() const ABSL_LOCKS_EXCLUDED(mu_);
  // Waits until no transfer is running; false on timeout.
  bool WaitIdle(absl::Duration timeout) const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  struct Transfer;

  TransferId Hand(HttpRequest request, absl::Time deadline,
                  HttpResponseHandler* handler) ABSL_LOCKS_EXCLUDED(mu_);
  void Run() ABSL_LOCKS_EXCLUDED(mu_);
  // The transfer whose next step is due, or null; `wake` is when one is.
  Transfer* Due(absl::Time now, absl::Time& wake)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Plays one step of `transfer`; returns whether it completed.
  bool Step(Transfer& transfer) ABSL_LOCKS_EXCLUDED(mu_);
  void Complete(Transfer& transfer, absl::Status status)
      ABSL_LOCKS_EXCLUDED(mu_);

  absl::Duration return_delay_;
  mutable absl::Mutex mu_;
  std::deque<FakeAnswer> script_ ABSL_GUARDED_BY(mu_);
  std::vector<std::unique_ptr<Transfer>> running_ ABSL_GUARDED_BY(mu_);
  std::vector<HttpRequest> requests_ ABSL_GUARDED_BY(mu_);
  std::vector<absl::Time> start_times_ ABSL_GUARDED_BY(mu_);
  TransferId next_id_ ABSL_GUARDED_BY(mu_) = 1;
  int cancelled_ ABSL_GUARDED_BY(mu_) = 0;
  int pauses_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_TESTING_FAKE_TRANSPORT_H_
