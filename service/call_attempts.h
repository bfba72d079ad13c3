#ifndef LITERLLM_SERVICE_CALL_ATTEMPTS_H_
#define LITERLLM_SERVICE_CALL_ATTEMPTS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "providers/provider.h"
#include "service/config.h"

namespace literllm {

class DeploymentHealth;

// A model a call may be answered by: its provider and the model name sent,
// and the shared health of the alias target it came from (null otherwise).
struct CallTarget {
  const Provider* provider;
  std::string model;
  DeploymentHealth* health = nullptr;
};

// Whether a provider said the prompt does not fit the model's context.
bool IsContextLengthError(const absl::Status& error);

// Whether another attempt may help after `error`: rate limits (but not an
// exhausted quota or billing), 5xx and 529 overloads, connection failures and
// resets, and attempt timeouts before any answer began.
bool IsRetryable(const absl::Status& error);

// Whether trying the next model may help: what is retryable, once the
// current model's retries are spent (or its Retry-After is past the
// deadline).
bool IsFallbackWorthy(const absl::Status& error);

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

  // After the current attempt failed with `error` (already mapped to its
  // status, with an attempt timeout as DEADLINE_EXCEEDED): when to start the
  // next attempt, possibly on the next target, or nullopt to give up and
  // answer `error`.
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

#endif  // LITERLLM_SERVICE_CALL_ATTEMPTS_H_
