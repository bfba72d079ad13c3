#include "service/policy/metrics_policy.h"

#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "providers/http/provider_failure.h"
#include "service/policy/call_metric_labels.h"

namespace literllm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::shared_ptr<const Caller> Named(const std::string& name) {
  auto caller = std::make_shared<Caller>();
  caller->name = name;
  return caller;
}

class MetricsPolicyTest : public ::testing::Test {
 protected:
  void Admit(CallContext& context) {
    bool admitted = false;
    policy_.Admit(context, request_,
                  [&admitted](absl::Status status) { admitted = status.ok(); });
    EXPECT_TRUE(admitted);
  }

  // A call routed to openai/gpt-4o that answered after one failed attempt.
  CallOutcome Answered(const CallContext& context) {
    CallOutcome outcome;
    outcome.context = &context;
    outcome.model = "smart";
    outcome.provider = "openai";
    outcome.deployment = "openai/gpt-4o";
    outcome.admitted = true;
    outcome.latency = absl::Seconds(2);
    outcome.time_to_first_token = absl::Milliseconds(300);
    outcome.usage.emplace();
    outcome.usage->set_prompt_tokens(100);
    outcome.usage->set_completion_tokens(40);
    outcome.usage->mutable_prompt_tokens_details()->set_cached_tokens(30);
    outcome.usage->mutable_completion_tokens_details()->set_reasoning_tokens(
        10);
    outcome.cost_usd = 0.25;
    const absl::Time start = absl::Now();
    const absl::Time retried = start + absl::Milliseconds(500);
    AttemptRecord failed;
    failed.provider = "openai";
    failed.status = ProviderFailure(FailureKind::kRateLimited, "openai", "429");
    failed.start = start;
    failed.end = retried;
    outcome.attempt_log.push_back(failed);
    AttemptRecord ok;
    ok.provider = "openai";
    ok.start = retried;
    ok.end = retried + absl::Milliseconds(1499);
    outcome.attempt_log.push_back(ok);
    outcome.upstream_time = absl::Milliseconds(1999);
    return outcome;
  }

  MetricsRegistry registry_;
  MetricsPolicy policy_{registry_};
  v1::ChatCompletionRequest request_;
};

TEST_F(MetricsPolicyTest, InflightUntilFinished) {
  CallContext context;
  context.front = Front::kOpenAiHttp;
  Admit(context);
  Admit(context);
  EXPECT_THAT(registry_.Scrape(),
              HasSubstr("literllm_inflight_requests{front=\"openai\"} 2\n"));
  CallOutcome outcome = Answered(context);
  policy_.Finished(outcome);
  EXPECT_THAT(registry_.Scrape(),
              HasSubstr("literllm_inflight_requests{front=\"openai\"} 1\n"));
}

TEST_F(MetricsPolicyTest, AnsweredStreamRecordsEveryFamily) {
  CallContext context;
  context.stream = true;
  context.caller = Named("team-a");
  Admit(context);
  policy_.Finished(Answered(context));
  const std::string page = registry_.Scrape();
  EXPECT_THAT(page, HasSubstr("literllm_requests_total{front=\"grpc\","
                              "method=\"ChatStream\",model=\"gpt-4o\","
                              "provider=\"openai\",key=\"team-a\",code=\"OK\"}"
                              " 1\n"));
  EXPECT_THAT(page, HasSubstr("literllm_request_duration_seconds_bucket{"
                              "front=\"grpc\",method=\"ChatStream\","
                              "model=\"gpt-4o\",provider=\"openai\","
                              "le=\"2.5\"} 1\n"));
  EXPECT_THAT(page, HasSubstr("literllm_time_to_first_token_seconds_bucket{"
                              "model=\"gpt-4o\",provider=\"openai\","
                              "le=\"0.25\"} 0\n"));
  EXPECT_THAT(page, HasSubstr("literllm_time_to_first_token_seconds_bucket{"
                              "model=\"gpt-4o\",provider=\"openai\","
                              "le=\"0.5\"} 1\n"));
  // 2 s in all, 1.999 s upstream: 1 ms in the gateway.
  EXPECT_THAT(page, HasSubstr("literllm_gateway_overhead_seconds_bucket{"
                              "le=\"0.0005\"} 0\n"));
  EXPECT_THAT(page, HasSubstr("literllm_gateway_overhead_seconds_bucket{"
                              "le=\"0.001\"} 1\n"));
  EXPECT_THAT(page, HasSubstr("literllm_upstream_attempts_total{provider="
                              "\"openai\",outcome=\"rate_limited\"} 1\n"));
  EXPECT_THAT(page, HasSubstr("literllm_upstream_attempts_total{provider="
                              "\"openai\",outcome=\"ok\"} 1\n"));
  const std::string tokens =
      "literllm_tokens_total{model=\"gpt-4o\",provider=\"openai\","
      "key=\"team-a\",type=";
  EXPECT_THAT(page, HasSubstr(tokens + "\"input\"} 100\n"));
  EXPECT_THAT(page, HasSubstr(tokens + "\"output\"} 40\n"));
  EXPECT_THAT(page, HasSubstr(tokens + "\"cached_input\"} 30\n"));
  EXPECT_THAT(page, HasSubstr(tokens + "\"reasoning\"} 10\n"));
  EXPECT_THAT(page, Not(HasSubstr(tokens + "\"cache_creation\"}")));
  EXPECT_THAT(page, HasSubstr("literllm_cost_usd_total{model=\"gpt-4o\","
                              "provider=\"openai\",key=\"team-a\"} 0.25\n"));
  EXPECT_THAT(page, Not(HasSubstr("literllm_policy_rejections_total{")));
}

TEST_F(MetricsPolicyTest, UnaryCallsRecordNoTimeToFirstToken) {
  CallContext context;
  Admit(context);
  policy_.Finished(Answered(context));
  EXPECT_THAT(registry_.Scrape(),
              Not(HasSubstr("literllm_time_to_first_token_seconds_bucket")));
}

TEST_F(MetricsPolicyTest, RejectionsByKindElseByCode) {
  CallContext limited;
  limited.caller = Named("team-b");
  CallContext anonymous;
  for (const auto& [context, status] :
       {std::pair<CallContext*, absl::Status>{
            &limited, WithFailureKind(absl::ResourceExhaustedError("rpm"),
                                      FailureKind::kRateLimited)},
        {&limited, WithFailureKind(absl::ResourceExhaustedError("budget"),
                                   FailureKind::kQuotaExhausted)},
        {&anonymous, absl::UnauthenticatedError("no key")},
        {&anonymous, absl::UnauthenticatedError("bad key")}}) {
    Admit(*context);
    CallOutcome outcome;
    outcome.context = context;
    outcome.model = "openai/whatever-the-caller-wrote";
    outcome.status = status;
    policy_.Finished(outcome);
  }
  const std::string page = registry_.Scrape();
  const std::string rejections = "literllm_policy_rejections_total{key=";
  EXPECT_THAT(
      page, HasSubstr(rejections + "\"team-b\",reason=\"rate_limited\"} 1\n"));
  EXPECT_THAT(page, HasSubstr(rejections +
                              "\"team-b\",reason=\"quota_exhausted\"} 1\n"));
  EXPECT_THAT(page, HasSubstr(rejections +
                              "\"anonymous\",reason=\"unauthenticated\"} 2\n"));
  // Never routed: no model the caller wrote, no upstream series.
  EXPECT_THAT(page, HasSubstr("literllm_requests_total{front=\"grpc\","
                              "method=\"Chat\",model=\"none\",provider="
                              "\"none\",key=\"anonymous\",code="
                              "\"UNAUTHENTICATED\"} 2\n"));
  EXPECT_THAT(page, Not(HasSubstr("whatever-the-caller-wrote")));
  EXPECT_THAT(page, Not(HasSubstr("literllm_upstream_attempts_total{")));
  EXPECT_THAT(page, Not(HasSubstr("literllm_gateway_overhead_seconds_count")));
  EXPECT_THAT(page,
              HasSubstr("literllm_inflight_requests{front=\"grpc\"} 0\n"));
}

TEST(CallMetricLabelsTest, Names) {
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kOk), "OK");
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kResourceExhausted),
            "RESOURCE_EXHAUSTED");
  EXPECT_EQ(StatusCodeName(absl::StatusCode::kUnauthenticated),
            "UNAUTHENTICATED");
  EXPECT_EQ(StatusCodeName(static_cast<absl::StatusCode>(99)), "UNKNOWN");
  EXPECT_EQ(LowerStatusCodeName(absl::StatusCode::kPermissionDenied),
            "permission_denied");
  EXPECT_EQ(RejectionReason(absl::InvalidArgumentError("x")),
            "invalid_argument");
  CallOutcome outcome;
  EXPECT_EQ(RoutedModel(outcome), "none");
  EXPECT_EQ(RoutedProvider(outcome), "none");
  EXPECT_EQ(KeyName(outcome), "anonymous");
  outcome.deployment = "bedrock/anthropic.claude-3/v1";
  EXPECT_EQ(RoutedModel(outcome), "anthropic.claude-3/v1");
}

TEST(CallMetricLabelsTest, AttemptCutShortEndsAsTheCall) {
  AttemptRecord attempt;  // no end: the call ended first
  EXPECT_EQ(AttemptOutcome(attempt, absl::OkStatus()), "cancelled");
  EXPECT_EQ(AttemptOutcome(attempt, absl::DeadlineExceededError("late")),
            "timeout");
  attempt.end = absl::Now();
  attempt.status = ProviderFailure(FailureKind::kOverloaded, "anthropic", "x");
  EXPECT_EQ(AttemptOutcome(attempt, absl::OkStatus()), "overloaded");
}

}  // namespace
}  // namespace literllm
