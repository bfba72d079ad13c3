#include "service/policy/usage_limits_policy.h"

#include <cmath>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "providers/http/provider_failure.h"

namespace literllm {
namespace {

// Whole seconds, rounded up, at least 1: what Retry-After carries.
std::string RetrySeconds(absl::Duration wait) {
  return absl::StrCat(std::max<int64_t>(
      1, static_cast<int64_t>(std::ceil(absl::ToDoubleSeconds(wait)))));
}

absl::Status Exceeded(const Caller& caller,
                      const UsageLedger::Verdict& verdict) {
  const std::string& name = caller.name;
  auto rate_limit = [&name](int64_t limit, absl::string_view what) {
    return WithFailureKind(absl::ResourceExhaustedError(absl::StrCat(
                               "rate limit: API key '", name, "' may use ",
                               limit, " ", what, " per minute")),
                           FailureKind::kRateLimited);
  };
  absl::Status status;
  switch (verdict.exceeded) {
    case UsageLedger::Limit::kRequests:
      status = rate_limit(caller.rpm, "requests");
      break;
    case UsageLedger::Limit::kTokens:
      status = rate_limit(caller.tpm, "tokens");
      break;
    case UsageLedger::Limit::kBudget:
      status = WithFailureKind(
          absl::ResourceExhaustedError(absl::StrFormat(
              "budget: API key '%s' spent $%.6g of its $%.6g budget %s", name,
              verdict.spent_usd, caller.budget_usd,
              caller.budget_period == absl::ZeroDuration()
                  ? "(lifetime)"
                  : absl::StrCat("for this ",
                                 absl::FormatDuration(caller.budget_period),
                                 " period"))),
          FailureKind::kQuotaExhausted);
      break;
    case UsageLedger::Limit::kNone:
      return absl::OkStatus();
  }
  if (verdict.retry_after > absl::ZeroDuration()) {
    SetRetryAfter(status, RetrySeconds(verdict.retry_after));
  }
  return status;
}

}  // namespace

void UsageLimitsPolicy::Admit(CallContext& context,
                              const v1::ChatCompletionRequest& request,
                              AdmitDone done) {
  std::shared_ptr<const Caller> caller = context.caller;
  // Nothing to check for a key without limits: its usage is counted when
  // the call ends.
  if (caller == nullptr || caller->master || !caller->limited()) {
    return std::move(done)(absl::OkStatus());
  }
  ledger_.Admit(
      caller, [this, caller, done = std::move(done)](
                  absl::StatusOr<UsageLedger::Verdict> verdict) mutable {
        if (verdict.ok()) return std::move(done)(Exceeded(*caller, *verdict));
        if (on_failure_ == RedisSettings::OnFailure::kAllow) {
          return std::move(done)(absl::OkStatus());
        }
        std::move(done)(absl::UnavailableError(
            absl::StrCat("cannot check the limits of API key '", caller->name,
                         "': ", verdict.status().message())));
      });
}

void UsageLimitsPolicy::Finished(const CallOutcome& outcome) {
  const std::shared_ptr<const Caller>& caller = outcome.context->caller;
  if (caller == nullptr || caller->master || !outcome.admitted) return;
  int64_t prompt = outcome.usage ? outcome.usage->prompt_tokens() : 0;
  int64_t completion = outcome.usage ? outcome.usage->completion_tokens() : 0;
  double cost = outcome.cost_usd.value_or(0);
  ledger_.Record(*caller, prompt, completion, cost);
}

}  // namespace literllm
