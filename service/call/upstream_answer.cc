#include "service/call/upstream_answer.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "providers/http/provider_failure.h"
#include "providers/provider_errors.h"

namespace literllm {

std::optional<absl::Duration> RateLimitReset(const HttpResponseHead& head) {
  if (head.status != 429) return std::nullopt;
  if (absl::string_view ms = head.Header("retry-after-ms"); !ms.empty()) {
    double value = 0;
    if (absl::SimpleAtod(ms, &value) && value >= 0) {
      return absl::Milliseconds(value);
    }
  }
  // OpenAI-style "1s" / "6m0s" / "250ms" until the exhausted limit resets.
  std::optional<absl::Duration> longest;
  for (absl::string_view name :
       {"x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"}) {
    absl::Duration value;
    absl::string_view text = head.Header(name);
    if (!text.empty() && absl::ParseDuration(text, &value) &&
        value >= absl::ZeroDuration()) {
      longest = std::max(longest.value_or(value), value);
    }
  }
  return longest;
}

absl::Status UpstreamError(const Provider& provider,
                           const absl::Status& transfer,
                           const HttpResponseHead& head, absl::string_view body,
                           absl::Time deadline) {
  if (transfer.ok()) {
    if (head.ok()) return absl::OkStatus();
    absl::Status error = provider.ParseError(head, body);
    if (!RetryAfter(error).has_value()) {
      if (std::optional<absl::Duration> reset = RateLimitReset(head)) {
        SetRetryAfter(error, absl::StrCat(absl::ToDoubleSeconds(*reset)));
      }
    }
    return error;
  }
  FailureKind kind = FailureKindOf(transfer);
  if (kind == FailureKind::kCancelled && absl::Now() >= deadline) {
    kind = FailureKind::kTimeout;
  }
  return WithFailureKind(NamedByProvider(provider.config().name, transfer),
                         kind);
}

}  // namespace literllm
