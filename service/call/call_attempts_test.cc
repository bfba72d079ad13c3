#include "service/call/call_attempts.h"

#include "gtest/gtest.h"
#include "providers/http/provider_failure.h"

namespace literllm {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'760'000'000);

std::vector<CallTarget> Targets(int n) {
  std::vector<CallTarget> targets;
  for (int i = 0; i < n; ++i)
    targets.push_back({nullptr, "m" + std::to_string(i)});
  return targets;
}

RetrySettings Settings() {
  RetrySettings settings;
  settings.initial_backoff = absl::Milliseconds(100);
  settings.max_backoff = absl::Milliseconds(400);
  return settings;
}

TEST(CallAttemptsTest, BackoffIsJitteredBelowAnExponentialCap) {
  for (int run = 0; run < 200; ++run) {
    CallAttempts attempts(Targets(1), std::nullopt, Settings(), 4,
                          absl::ZeroDuration(), kNow + absl::Hours(1));
    absl::Duration cap = absl::Milliseconds(100);
    for (int retry = 0; retry < 4; ++retry) {
      std::optional<absl::Time> next =
          attempts.AfterFailure(absl::UnavailableError("503"), kNow);
      ASSERT_TRUE(next.has_value());
      EXPECT_GE(*next, kNow);
      EXPECT_LT(*next, kNow + cap) << retry;
      cap = std::min(cap * 2, absl::Milliseconds(400));
    }
    EXPECT_FALSE(
        attempts.AfterFailure(absl::UnavailableError("503"), kNow).has_value());
  }
}

TEST(CallAttemptsTest, RetryAfterIsAFloorAndTheDeadlineACeiling) {
  CallAttempts attempts(Targets(2), std::nullopt, Settings(), 2,
                        absl::ZeroDuration(), kNow + absl::Seconds(10));
  absl::Status limited = ProviderHttpError("openai", 429, "slow down", "3");
  EXPECT_EQ(attempts.AfterFailure(limited, kNow), kNow + absl::Seconds(3));
  // A wait past the deadline moves to the next model at once instead.
  absl::Status long_wait = ProviderHttpError("openai", 429, "later", "60");
  EXPECT_EQ(attempts.AfterFailure(long_wait, kNow), kNow);
  EXPECT_EQ(attempts.target().model, "m1");
  EXPECT_FALSE(attempts.AfterFailure(long_wait, kNow).has_value());
}

TEST(CallAttemptsTest, ClientErrorsEndTheCallAndQuotasSkipRetries) {
  CallAttempts attempts(Targets(2), std::nullopt, Settings(), 2,
                        absl::ZeroDuration(), kNow + absl::Hours(1));
  EXPECT_FALSE(attempts.AfterFailure(absl::InvalidArgumentError("bad"), kNow)
                   .has_value());
  absl::Status quota = WithFailureKind(
      ProviderHttpError("openai", 429, "You exceeded your quota"),
      FailureKind::kQuotaExhausted);
  EXPECT_EQ(attempts.AfterFailure(quota, kNow), kNow);  // next model
  EXPECT_EQ(attempts.target().model, "m1");
}

TEST(CallAttemptsTest, AttemptDeadlinesAreCappedByTheCall) {
  CallAttempts attempts(Targets(1), std::nullopt, Settings(), 2,
                        absl::Seconds(5), kNow + absl::Seconds(7));
  EXPECT_EQ(attempts.Start(kNow), kNow + absl::Seconds(5));
  EXPECT_EQ(attempts.Start(kNow + absl::Seconds(4)), kNow + absl::Seconds(7));
  EXPECT_EQ(attempts.started(), 2);
}

TEST(CallAttemptsTest, PromptsTooLongGoToTheContextFallbackOnce) {
  CallAttempts attempts(Targets(2), CallTarget{nullptr, "long-context"},
                        Settings(), 2, absl::ZeroDuration(),
                        kNow + absl::Hours(1));
  // The kind decides, never the text: a bad request that mentions the
  // context is not a context-length failure.
  EXPECT_FALSE(attempts
                   .AfterFailure(absl::InvalidArgumentError(
                                     "maximum context length exceeded"),
                                 kNow)
                   .has_value());
  absl::Status too_long = WithFailureKind(
      ProviderHttpError("openai", 400, "maximum context length is 128000"),
      FailureKind::kContextLength);
  EXPECT_EQ(attempts.AfterFailure(too_long, kNow), kNow);
  EXPECT_EQ(attempts.target().model, "long-context");
  EXPECT_FALSE(attempts.AfterFailure(too_long, kNow).has_value());
}

TEST(CallAttemptsTest, RetryAfterValues) {
  EXPECT_EQ(ParseRetryAfter("2"), absl::Seconds(2));
  EXPECT_EQ(ParseRetryAfter(" 1.5 "), absl::Milliseconds(1500));
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT"), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("-1"), std::nullopt);
}

}  // namespace
}  // namespace literllm
