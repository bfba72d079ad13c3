#include "service/call/attempt_budget.h"

#include <optional>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

absl::StatusOr<int> MaxRetries(const RetrySettings& settings,
                               const CallContext& context,
                               const v1::ChatCompletionRequest& request) {
  int retries = settings.max_retries;
  if (request.has_max_retries()) {
    retries = request.max_retries();
  } else if (auto text = context.Metadata("literllm-max-retries")) {
    if (!absl::SimpleAtoi(*text, &retries)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "literllm-max-retries: '", *text, "' is not a whole number"));
    }
  }
  if (retries < 0 || retries > settings.max_retries_limit) {
    return absl::InvalidArgumentError(absl::StrCat("max_retries: ", retries,
                                                   " is not from 0 to ",
                                                   settings.max_retries_limit));
  }
  return retries;
}

absl::StatusOr<absl::Duration> AttemptTimeout(
    const RetrySettings& settings, const CallContext& context,
    const v1::ChatCompletionRequest& request) {
  absl::Duration timeout = settings.attempt_timeout;
  if (request.has_attempt_timeout()) {
    timeout = absl::Seconds(request.attempt_timeout().seconds()) +
              absl::Nanoseconds(request.attempt_timeout().nanos());
  } else if (auto text = context.Metadata("literllm-attempt-timeout")) {
    if (!absl::ParseDuration(*text, &timeout)) {
      return absl::InvalidArgumentError(
          absl::StrCat("literllm-attempt-timeout: '", *text,
                       "' is not a duration like 20s"));
    }
  } else {
    return timeout;
  }
  if (timeout <= absl::ZeroDuration() ||
      timeout > settings.max_attempt_timeout) {
    return absl::InvalidArgumentError(
        absl::StrCat("attempt_timeout: ", absl::FormatDuration(timeout),
                     " is not above 0 and at most ",
                     absl::FormatDuration(settings.max_attempt_timeout)));
  }
  return timeout;
}

}  // namespace

absl::StatusOr<AttemptBudget> ReadAttemptBudget(
    const RetrySettings& settings, const CallContext& context,
    const v1::ChatCompletionRequest& request) {
  absl::StatusOr<int> max_retries = MaxRetries(settings, context, request);
  if (!max_retries.ok()) return max_retries.status();
  absl::StatusOr<absl::Duration> timeout =
      AttemptTimeout(settings, context, request);
  if (!timeout.ok()) return timeout.status();
  return AttemptBudget{*max_retries, *timeout};
}

}  // namespace literllm
