#include "service/call/call_attempts.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "absl/random/random.h"
#include "absl/strings/numbers.h"
#include "absl/strings/strip.h"
#include "providers/http/provider_failure.h"
#include "service/routing/deployment_balancer.h"

namespace literllm {

std::optional<absl::Duration> ParseRetryAfter(absl::string_view value) {
  double seconds = 0;
  if (!absl::SimpleAtod(absl::StripAsciiWhitespace(value), &seconds) ||
      !std::isfinite(seconds) || seconds < 0) {
    return std::nullopt;
  }
  return absl::Seconds(seconds);
}

CallAttempts::CallAttempts(std::vector<CallTarget> targets,
                           std::optional<CallTarget> context_fallback,
                           const RetrySettings& settings, int max_retries,
                           absl::Duration attempt_timeout,
                           absl::Time call_deadline)
    : targets_(std::move(targets)),
      context_fallback_(std::move(context_fallback)),
      settings_(settings),
      max_retries_(max_retries),
      attempt_timeout_(attempt_timeout),
      call_deadline_(call_deadline) {}

absl::Time CallAttempts::Start(absl::Time now) {
  ++started_;
  attempt_start_ = now;
  attempt_running_ = true;
  if (DeploymentHealth* health = target().health) health->AttemptStarted();
  if (attempt_timeout_ <= absl::ZeroDuration()) return call_deadline_;
  return std::min(call_deadline_, now + attempt_timeout_);
}

void CallAttempts::Ended(const absl::Status& result, absl::Time answered_at) {
  if (!attempt_running_) return;
  attempt_running_ = false;
  DeploymentHealth* health = target().health;
  if (health == nullptr) return;
  using Outcome = DeploymentHealth::Outcome;
  Outcome outcome = result.ok() ? Outcome::kAnswered
                    : IsProviderFault(FailureKindOf(result))
                        ? Outcome::kFailed
                        : Outcome::kNoVerdict;
  health->AttemptEnded(outcome, answered_at - attempt_start_, answered_at);
}

absl::Duration CallAttempts::Backoff() {
  // Full jitter: uniform in [0, min(max, initial * 2^retry)).
  absl::Duration cap = settings_.initial_backoff;
  for (int i = 1; i < retries_ && cap < settings_.max_backoff; ++i) cap *= 2;
  cap = std::min(cap, settings_.max_backoff);
  // Jitter needs no cryptographic quality; one generator per thread keeps
  // seeding off the path of calls that never retry.
  thread_local absl::InsecureBitGen random;
  return absl::Nanoseconds(absl::Uniform<int64_t>(
      random, 0, std::max<int64_t>(1, absl::ToInt64Nanoseconds(cap))));
}

std::optional<absl::Time> CallAttempts::AfterFailure(const absl::Status& error,
                                                     absl::Time now) {
  if (now >= call_deadline_) return std::nullopt;
  const FailureKind kind = FailureKindOf(error);
  if (context_fallback_.has_value() && !on_context_fallback_ &&
      kind == FailureKind::kContextLength) {
    on_context_fallback_ = true;
    return now;
  }
  if (on_context_fallback_) return std::nullopt;
  if (IsRetryable(kind) && retries_ < max_retries_) {
    ++retries_;
    absl::Duration wait = Backoff();
    if (std::optional<std::string> header = RetryAfter(error)) {
      if (std::optional<absl::Duration> asked = ParseRetryAfter(*header)) {
        wait = std::max(wait, *asked);
      }
    }
    if (now + wait < call_deadline_) return now + wait;
    // Waiting would outlast the caller: the next model may answer at once.
  }
  if (IsFallbackWorthy(kind) && target_ + 1 < targets_.size()) {
    ++target_;
    retries_ = 0;
    return now;
  }
  return std::nullopt;
}

}  // namespace literllm
