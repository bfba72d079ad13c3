// The call's attempts on an in-process fake transport: which failure kinds
// are retried and which are not, fallbacks in order, Retry-After as a floor
// and the deadline as a ceiling.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "providers/http/provider_failure.h"
#include "service/call/chat_call.h"
#include "service/call/testing/chat_call_fixture.h"

namespace literllm::testing {
namespace {

using ::testing::HasSubstr;

struct KindCase {
  std::string name;
  FakeAnswer failure;
  FailureKind kind;
};

std::vector<KindCase> RetryableFailures() {
  FakeAnswer slow;  // the attempt times out with no answer
  slow.hang = true;
  slow.status = 0;
  return {
      {"rate_limited", HttpError(429, R"({"error":{"message":"slow down"}})"),
       FailureKind::kRateLimited},
      {"server_error", HttpError(503, "upstream down"),
       FailureKind::kServerError},
      {"overloaded", HttpError(529, "overloaded"), FailureKind::kOverloaded},
      {"network", NetworkFailure(), FailureKind::kNetwork},
      {"timeout", slow, FailureKind::kTimeout},
  };
}

TEST_F(ChatCallTest, RetriesEveryRetryableKind) {
  request_.mutable_attempt_timeout()->set_nanos(200'000'000);
  for (bool stream : {false, true}) {
    for (const KindCase& c : RetryableFailures()) {
      SCOPED_TRACE(absl::StrCat(c.name, stream ? " stream" : " unary"));
      // Without retries the caller sees the failure, typed.
      request_.set_max_retries(0);
      FakeTransport once;
      once.Enqueue(c.failure);
      EXPECT_EQ(FailureKindOf(Run(stream, {}, &once)), c.kind);
      EXPECT_EQ(once.requests().size(), 1u);
      // With one retry the second attempt answers.
      request_.set_max_retries(1);
      FakeTransport twice;
      twice.Enqueue(c.failure);
      twice.Enqueue(
          stream ? Stream({SseChunk("ok", "stop"), std::string(kSseUsage)})
                 : Ok(std::string(kCompletion)));
      EXPECT_TRUE(Run(stream, {}, &twice).ok());
      EXPECT_EQ(twice.requests().size(), 2u);
    }
  }
}

TEST_F(ChatCallTest, NeverRetriesOtherKinds) {
  request_.set_max_retries(3);
  struct Case {
    FakeAnswer answer;
    FailureKind kind;
    absl::StatusCode code;
  };
  std::vector<Case> cases = {
      {HttpError(400, R"({"error":{"message":"bad"}})"),
       FailureKind::kBadRequest, absl::StatusCode::kInvalidArgument},
      {HttpError(400, R"({"error":{"message":"too long",)"
                      R"("code":"context_length_exceeded"}})"),
       FailureKind::kContextLength, absl::StatusCode::kInvalidArgument},
      {HttpError(401, R"({"error":{"message":"bad key"}})"),
       FailureKind::kAuthentication, absl::StatusCode::kUnauthenticated},
      {HttpError(403, "forbidden"), FailureKind::kPermission,
       absl::StatusCode::kPermissionDenied},
      {HttpError(404, "no such model"), FailureKind::kNotFound,
       absl::StatusCode::kNotFound},
      {HttpError(429, R"({"error":{"message":"quota",)"
                      R"("code":"insufficient_quota"}})"),
       FailureKind::kQuotaExhausted, absl::StatusCode::kResourceExhausted},
      {Ok("this is not json"), FailureKind::kMalformedAnswer,
       absl::StatusCode::kInternal},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(FailureKindName(c.kind));
    FakeTransport transport;
    transport.Enqueue(c.answer);
    absl::Status status = Run(false, {}, &transport);
    EXPECT_EQ(FailureKindOf(status), c.kind) << status;
    EXPECT_EQ(status.code(), c.code);
    EXPECT_THAT(status.message(), HasSubstr("openai"));
    EXPECT_EQ(transport.requests().size(), 1u);
  }
}

TEST_F(ChatCallTest, FallsBackInOrderOnceRetriesAreSpent) {
  request_.set_max_retries(0);
  request_.add_fallbacks("groq/llama-3.3-70b");
  transport_.Enqueue(HttpError(503, "down"));
  transport_.Enqueue(Ok(std::string(kCompletion)));
  ASSERT_TRUE(Run(false).ok());
  std::vector<HttpRequest> requests = transport_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_THAT(requests[0].url, HasSubstr("openai.test"));
  EXPECT_THAT(requests[1].url, HasSubstr("groq.test"));
  EXPECT_THAT(requests[1].body, HasSubstr("llama-3.3-70b"));
  std::vector<CallOutcome> outcomes = Outcomes();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].provider, "groq");
  EXPECT_EQ(outcomes[0].attempts, 2);
}

TEST_F(ChatCallTest, ClientErrorsDoNotFallBack) {
  request_.add_fallbacks("groq/llama-3.3-70b");
  transport_.Enqueue(HttpError(400, R"({"error":{"message":"bad"}})"));
  EXPECT_EQ(Run(false).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(transport_.requests().size(), 1u);
}

TEST_F(ChatCallTest, HonoursRetryAfter) {
  request_.set_max_retries(1);
  transport_.Enqueue(HttpError(429, "slow down", {{"retry-after", "0.3"}}));
  transport_.Enqueue(Ok(std::string(kCompletion)));
  ASSERT_TRUE(Run(false).ok());
  std::vector<absl::Time> starts = transport_.start_times();
  ASSERT_EQ(starts.size(), 2u);
  EXPECT_GE(starts[1] - starts[0], absl::Milliseconds(300));
}

TEST_F(ChatCallTest, RetryAfterPastTheDeadlineAnswersAtOnce) {
  request_.set_max_retries(1);
  transport_.Enqueue(HttpError(429, "slow down", {{"retry-after", "30"}}));
  absl::Status status = Run(false, absl::Seconds(5));
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(RetryAfter(status), "30");
  EXPECT_EQ(transport_.requests().size(), 1u);
}

}  // namespace
}  // namespace literllm::testing
