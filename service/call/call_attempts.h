#ifndef LITERLLM_SERVICE_CALL_CALL_ATTEMPTS_H_
#define LITERLLM_SERVICE_CALL_CALL_ATTEMPTS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "service/config/config.h"
#include "service/routing/router.h"

namespace literllm {

// The attempts of one chat call, in order: each target (the model, then its
// fallbacks) gets the first attempt and up to `max_retries` more, spaced by
// exponential backoff with full jitter, never earlier than the provider's
// Retry-After, and never past the call's deadline. Used by one call at a
// time from its callbacks, which run one after another; not thread-safe.
class CallAttempts {
 public:
  // `context_fallback`, when set, replaces the current target once, when a
  // prompt is too long for it.
  CallAttempts(std::vector<CallTarget> targets,
               std::optional<CallTarget> context_fallback,
               const RetrySettings& settings, int max_retries,
               absl::Duration attempt_timeout, absl::Time call_deadline);

  const CallTarget& target() const {
    return on_context_fallback_ ? *context_fallback_ : targets_[target_];
  }
  // Attempts started so far, over all targets.
  int started() const { return started_; }

  // Marks an attempt started at `now`; returns its deadline: the call's, or
  // sooner when attempts have their own timeout.
  absl::Time Start(absl::Time now);
  // Marks the current attempt ended with `result` (its answer began at
  // `answered_at`), for the target's shared health. Call before AfterFailure.
  void Ended(const absl::Status& result, absl::Time answered_at);

  // After the current attempt failed with `error`, a typed failure
  // (providers/http/provider_failure.h): when to start the next attempt,
  // possibly on the next target, or nullopt to give up and answer `error`.
  // Decided by the failure's kind alone.
  std::optional<absl::Time> AfterFailure(const absl::Status& error,
                                         absl::Time now);

 private:
  absl::Duration Backoff();

  const std::vector<CallTarget> targets_;
  const std::optional<CallTarget> context_fallback_;
  bool on_context_fallback_ = false;
  const RetrySettings settings_;
  const int max_retries_;
  const absl::Duration attempt_timeout_;
  const absl::Time call_deadline_;
  size_t target_ = 0;
  int retries_ = 0;  // of the current target
  int started_ = 0;
  absl::Time attempt_start_;
  bool attempt_running_ = false;
};

// The seconds of a Retry-After value ("2", "1.5"); nullopt for an HTTP date
// or anything unreadable.
std::optional<absl::Duration> ParseRetryAfter(absl::string_view value);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_CALL_ATTEMPTS_H_
