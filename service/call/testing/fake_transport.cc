#include "service/call/testing/fake_transport.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "providers/http/provider_failure.h"

namespace literllm {

struct FakeTransport::Transfer {
  TransferId id;
  FakeAnswer answer;
  HttpResponseHandler* handler;
  absl::Time deadline;
  absl::Time next_at;
  size_t next_piece = 0;
  bool head_sent = false;
  bool paused = false;
  bool cancelled = false;
  bool busy = false;  // a step is being played outside the lock
};

FakeTransport::FakeTransport() : thread_([this] { Run(); }) {}

FakeTransport::~FakeTransport() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void FakeTransport::Enqueue(FakeAnswer answer) {
  absl::MutexLock lock(&mu_);
  script_.push_back(std::move(answer));
}

TransferId FakeTransport::Start(HttpRequest request, absl::Time deadline,
                                HttpResponseHandler* handler) {
  TransferId id = Hand(std::move(request), deadline, handler);
  // The transfer may be over before Start returns, as with the real one.
  if (return_delay_ > absl::ZeroDuration()) absl::SleepFor(return_delay_);
  return id;
}

TransferId FakeTransport::Hand(HttpRequest request, absl::Time deadline,
                               HttpResponseHandler* handler) {
  absl::MutexLock lock(&mu_);
  auto transfer = std::make_unique<Transfer>();
  transfer->id = next_id_++;
  transfer->handler = handler;
  transfer->deadline = deadline;
  if (script_.empty()) {
    transfer->answer.end =
        WithFailureKind(absl::UnknownError(absl::StrCat(
                            "no scripted answer for ", request.url)),
                        FailureKind::kNetwork);
  } else {
    transfer->answer = std::move(script_.front());
    script_.pop_front();
  }
  transfer->next_at = absl::Now() + transfer->answer.delay;
  requests_.push_back(std::move(request));
  start_times_.push_back(absl::Now());
  running_.push_back(std::move(transfer));
  return running_.back()->id;
}

void FakeTransport::Cancel(TransferId id) {
  absl::MutexLock lock(&mu_);
  for (auto& transfer : running_) {
    if (transfer->id == id && !transfer->cancelled) {
      transfer->cancelled = true;
      ++cancelled_;
    }
  }
}

void FakeTransport::Resume(TransferId id) {
  absl::MutexLock lock(&mu_);
  for (auto& transfer : running_) {
    if (transfer->id == id) transfer->paused = false;
  }
}

std::vector<HttpRequest> FakeTransport::requests() const {
  absl::MutexLock lock(&mu_);
  return requests_;
}

std::vector<absl::Time> FakeTransport::start_times() const {
  absl::MutexLock lock(&mu_);
  return start_times_;
}

int FakeTransport::cancelled() const {
  absl::MutexLock lock(&mu_);
  return cancelled_;
}

int FakeTransport::pauses() const {
  absl::MutexLock lock(&mu_);
  return pauses_;
}

bool FakeTransport::WaitIdle(absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return running_.empty();
  };
  return mu_.AwaitWithTimeout(absl::Condition(&idle), timeout);
}

FakeTransport::Transfer* FakeTransport::Due(absl::Time now, absl::Time& wake) {
  wake = now + absl::Milliseconds(20);
  for (auto& transfer : running_) {
    if (transfer->busy) continue;
    if (transfer->cancelled || stopping_ || now >= transfer->deadline) {
      return transfer.get();
    }
    if (transfer->paused) continue;
    if (now >= transfer->next_at) return transfer.get();
    wake = std::min({wake, transfer->next_at, transfer->deadline});
  }
  return nullptr;
}

void FakeTransport::Run() {
  while (true) {
    Transfer* transfer = nullptr;
    {
      absl::MutexLock lock(&mu_);
      if (stopping_ && running_.empty()) return;
      absl::Time wake;
      transfer = Due(absl::Now(), wake);
      if (transfer == nullptr) {
        mu_.AwaitWithDeadline(absl::Condition::kTrue, wake);
        continue;
      }
      transfer->busy = true;
    }
    bool done = Step(*transfer);
    absl::MutexLock lock(&mu_);
    transfer->busy = false;
    if (done) {
      running_.erase(std::find_if(
          running_.begin(), running_.end(),
          [transfer](const auto& t) { return t.get() == transfer; }));
    }
  }
}

bool FakeTransport::Step(Transfer& transfer) {
  bool cancelled;
  {
    absl::MutexLock lock(&mu_);
    cancelled = transfer.cancelled || stopping_;
  }
  if (cancelled) {
    Complete(transfer, WithFailureKind(absl::UnknownError("cancelled"),
                                       FailureKind::kCancelled));
    return true;
  }
  if (absl::Now() >= transfer.deadline) {
    Complete(transfer, WithFailureKind(absl::UnknownError("timed out"),
                                       FailureKind::kTimeout));
    return true;
  }
  const FakeAnswer& answer = transfer.answer;
  if (!transfer.head_sent && answer.status != 0 &&
      (answer.end.ok() || !answer.pieces.empty() || answer.hang)) {
    transfer.head_sent = true;
    transfer.handler->OnHead(HttpResponseHead{answer.status, answer.headers});
  }
  if (transfer.next_piece < answer.pieces.size()) {
    using Action = HttpResponseHandler::BodyAction;
    Action action =
        transfer.handler->OnBody(answer.pieces[transfer.next_piece]);
    absl::MutexLock lock(&mu_);
    if (action == Action::kAbort) {
      transfer.cancelled = true;
    } else if (action == Action::kPause) {
      transfer.paused = true;
      ++pauses_;
    } else {
      ++transfer.next_piece;
      transfer.next_at = absl::Now() + answer.interval;
    }
    return false;
  }
  if (answer.hang) {
    absl::MutexLock lock(&mu_);
    transfer.next_at = absl::InfiniteFuture();
    return false;
  }
  Complete(transfer, answer.end);
  return true;
}

void FakeTransport::Complete(Transfer& transfer, absl::Status status) {
  transfer.handler->OnComplete(std::move(status));
}

}  // namespace literllm
