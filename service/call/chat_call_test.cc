// The call pipeline on an in-process fake transport: retries by failure
// kind, fallbacks, Retry-After, cancellation, deadlines, policies, and
// usage and cost reported once, for unary calls and streams alike.
#include "service/call/chat_call.h"

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "providers/http/provider_failure.h"
#include "service/call/testing/fake_transport.h"

namespace literllm {
namespace {

using ::testing::HasSubstr;

constexpr absl::string_view kCompletion = R"({
  "id":"chatcmpl-1","object":"chat.completion","created":1700000000,
  "model":"gpt-4o-2024-08-06",
  "choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},
              "finish_reason":"stop"}],
  "usage":{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14}})";

std::string SseChunk(absl::string_view delta, absl::string_view finish = "") {
  return absl::StrCat(
      R"(data: {"id":"c1","object":"chat.completion.chunk","created":1,)",
      R"("model":"gpt-4o","choices":[{"index":0,"delta":{"content":")", delta,
      R"("},"finish_reason":)",
      finish.empty() ? "null" : absl::StrCat("\"", finish, "\""), "}]}\n\n");
}

constexpr absl::string_view kSseUsage =
    R"(data: {"id":"c1","object":"chat.completion.chunk","created":1,)"
    R"("model":"gpt-4o","choices":[],)"
    R"("usage":{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14}})"
    "\n\ndata: [DONE]\n\n";

FakeAnswer Ok(std::string body) {
  FakeAnswer answer;
  answer.pieces = {std::move(body)};
  return answer;
}

FakeAnswer HttpError(int status, std::string body, HttpHeaders headers = {}) {
  FakeAnswer answer;
  answer.status = status;
  answer.headers = std::move(headers);
  answer.pieces = {std::move(body)};
  return answer;
}

FakeAnswer NetworkFailure() {
  FakeAnswer answer;
  answer.end = WithFailureKind(absl::UnknownError("connection reset"),
                               FailureKind::kNetwork);
  return answer;
}

FakeAnswer Stream(std::vector<std::string> pieces, bool hang = false) {
  FakeAnswer answer;
  answer.pieces = std::move(pieces);
  answer.hang = hang;
  return answer;
}

// Records every outcome; rejects with `reject` (after `delay`, from another
// thread) when set.
class TestPolicy final : public CallPolicy {
 public:
  absl::Status reject;
  absl::Duration delay;

  void Admit(CallContext& context, const v1::ChatCompletionRequest& request,
             AdmitDone done) override {
    context.caller_id = "tester";
    if (delay == absl::ZeroDuration()) return std::move(done)(reject);
    std::thread([this, &context, status = reject, delay = delay,
                 done = std::move(done)]() mutable {
      absl::SleepFor(delay);
      if (context.cancelled != nullptr && context.cancelled->load()) {
        absl::MutexLock lock(&mu);
        saw_cancel = true;
      }
      std::move(done)(status);
    }).detach();
  }
  void Finished(const CallOutcome& outcome) override {
    absl::MutexLock lock(&mu);
    outcomes.push_back(outcome);
    contexts.push_back(*outcome.context);
  }

  absl::Mutex mu;
  std::vector<CallOutcome> outcomes ABSL_GUARDED_BY(mu);
  std::vector<CallContext> contexts ABSL_GUARDED_BY(mu);
  bool saw_cancel ABSL_GUARDED_BY(mu) = false;
};

// Collects what the call delivers; acknowledges chunks at once unless told
// to hold them.
class TestSink final : public ChatSink {
 public:
  ChatCall* call = nullptr;
  bool hold_chunks = false;
  bool cancel_after_first_chunk = false;

  void OnResponse(v1::ChatCompletionResponse r) override {
    absl::MutexLock lock(&mu);
    response = std::move(r);
  }
  void OnChunk(const v1::ChatCompletionChunk& chunk) override {
    bool cancel;
    {
      absl::MutexLock lock(&mu);
      chunks.push_back(chunk);
      cancel = cancel_after_first_chunk && chunks.size() == 1;
      if (hold_chunks) {
        ++held;
        return;
      }
    }
    if (cancel) call->Cancel();
    call->ChunkDone(true);
  }
  void OnFinish(const absl::Status& s) override {
    absl::MutexLock lock(&mu);
    status = s;
    ++finishes;
    if (!finished.HasBeenNotified()) finished.Notify();
  }

  absl::Mutex mu;
  std::optional<v1::ChatCompletionResponse> response ABSL_GUARDED_BY(mu);
  std::vector<v1::ChatCompletionChunk> chunks ABSL_GUARDED_BY(mu);
  int held ABSL_GUARDED_BY(mu) = 0;
  absl::Status status ABSL_GUARDED_BY(mu);
  int finishes ABSL_GUARDED_BY(mu) = 0;
  absl::Notification finished;
};

class ChatCallTest : public ::testing::Test {
 protected:
  ChatCallTest()
      : providers_(ProviderRegistry::FromEnvironment(
            [](absl::string_view name) -> std::optional<std::string> {
              if (name == "OPENAI_API_KEY") return "sk-test-openai-key";
              if (name == "OPENAI_BASE_URL") return "http://openai.test/v1";
              if (name == "GROQ_API_KEY") return "gsk-test-groq-key";
              if (name == "GROQ_BASE_URL") return "http://groq.test/v1";
              return std::nullopt;
            })),
        prices_(PriceTable().WithOverrides(
            {ModelPrice{"openai", "gpt-4o", 2.5, 10.0}})),
        balancer_(providers_, breaker_) {
    retries_.initial_backoff = absl::Milliseconds(1);
    retries_.max_backoff = absl::Milliseconds(5);
    auto policy = std::make_unique<TestPolicy>();
    policy_ = policy.get();
    std::vector<std::unique_ptr<CallPolicy>> policies;
    policies.push_back(std::move(policy));
    chain_ = PolicyChain(std::move(policies));
    request_.set_model("openai/gpt-4o");
    request_.add_messages()->set_role("user");
    request_.mutable_messages(0)->set_content("Hello");
  }

  CallServices Services(FakeTransport& transport) {
    return CallServices{providers_, transport, prices_,         retries_,
                        balancer_,  chain_,    absl::Minutes(1)};
  }

  // Runs one call to its end on `transport` (default: the fixture's), with a
  // fresh sink; `deadline` from now when set.
  absl::Status Run(bool stream, std::optional<absl::Duration> deadline = {},
                   FakeTransport* transport = nullptr) {
    if (transport == nullptr) transport = &transport_;
    CallServices services = Services(*transport);
    CallContext context;
    context.stream = stream;
    if (deadline) context.deadline = absl::Now() + *deadline;
    sink_ = std::make_unique<TestSink>();
    sink_->cancel_after_first_chunk = cancel_after_first_chunk_;
    ChatCall call(services, std::move(context), request_, *sink_);
    sink_->call = &call;
    call.Start();
    EXPECT_TRUE(
        sink_->finished.WaitForNotificationWithTimeout(absl::Seconds(10)));
    // Nothing may follow OnFinish: no second finish, no transfer left.
    EXPECT_TRUE(transport->WaitIdle(absl::Seconds(5)));
    absl::MutexLock lock(&sink_->mu);
    EXPECT_EQ(sink_->finishes, 1);
    return sink_->status;
  }

  std::vector<CallOutcome> Outcomes() {
    absl::MutexLock lock(&policy_->mu);
    return policy_->outcomes;
  }

  ProviderRegistry providers_;
  PriceTable prices_;
  RetrySettings retries_;
  BreakerSettings breaker_;
  DeploymentBalancer balancer_;
  FakeTransport transport_;
  PolicyChain chain_;
  TestPolicy* policy_;
  bool cancel_after_first_chunk_ = false;
  std::unique_ptr<TestSink> sink_ = std::make_unique<TestSink>();
  v1::ChatCompletionRequest request_;
};

TEST_F(ChatCallTest, UnaryAnswerWithUsageAndCostReportedOnce) {
  transport_.Enqueue(Ok(std::string(kCompletion)));
  ASSERT_TRUE(Run(false).ok());
  absl::MutexLock lock(&sink_->mu);
  ASSERT_TRUE(sink_->response.has_value());
  EXPECT_EQ(sink_->response->choices(0).message().content(), "Hi!");
  const double cost = (10 * 2.5 + 4 * 10.0) / 1e6;
  EXPECT_DOUBLE_EQ(sink_->response->estimated_cost_usd(), cost);
  std::vector<CallOutcome> outcomes = Outcomes();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_TRUE(outcomes[0].status.ok());
  EXPECT_EQ(outcomes[0].provider, "openai");
  EXPECT_EQ(outcomes[0].deployment, "openai/gpt-4o");
  EXPECT_EQ(outcomes[0].attempts, 1);
  ASSERT_TRUE(outcomes[0].usage.has_value());
  EXPECT_EQ(outcomes[0].usage->total_tokens(), 14);
  EXPECT_DOUBLE_EQ(outcomes[0].cost_usd.value_or(0), cost);
  EXPECT_TRUE(outcomes[0].time_to_first_token.has_value());
}

TEST_F(ChatCallTest, StreamDeliversChunksAndReportsUsageOnce) {
  transport_.Enqueue(Stream(
      {SseChunk("Hel"), SseChunk("lo", "stop"), std::string(kSseUsage)}));
  ASSERT_TRUE(Run(true).ok());
  {
    absl::MutexLock lock(&sink_->mu);
    ASSERT_EQ(sink_->chunks.size(), 3u);
    EXPECT_EQ(sink_->chunks[0].choices(0).delta().content(), "Hel");
    int with_usage = 0;
    for (const auto& chunk : sink_->chunks) with_usage += chunk.has_usage();
    EXPECT_EQ(with_usage, 1);
    EXPECT_TRUE(sink_->chunks.back().has_estimated_cost_usd());
  }
  std::vector<CallOutcome> outcomes = Outcomes();
  ASSERT_EQ(outcomes.size(), 1u);
  ASSERT_TRUE(outcomes[0].usage.has_value());
  EXPECT_EQ(outcomes[0].usage->completion_tokens(), 4);
  EXPECT_DOUBLE_EQ(outcomes[0].cost_usd.value_or(0), (10 * 2.5 + 40) / 1e6);
  absl::MutexLock lock(&policy_->mu);
  EXPECT_TRUE(policy_->contexts.at(0).stream);
}

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

TEST_F(ChatCallTest, CancelMidStreamAbortsUpstreamAndFinishesOnce) {
  cancel_after_first_chunk_ = true;
  transport_.Enqueue(Stream({SseChunk("one"), SseChunk("two")}, true));
  EXPECT_EQ(Run(true).code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(transport_.cancelled(), 1);
  EXPECT_EQ(transport_.requests().size(), 1u);
  std::vector<CallOutcome> outcomes = Outcomes();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].status.code(), absl::StatusCode::kCancelled);
  EXPECT_FALSE(outcomes[0].usage.has_value());
}

TEST_F(ChatCallTest, DeadlineEndsUnaryAndStreamCallsOnce) {
  for (bool stream : {false, true}) {
    SCOPED_TRACE(stream ? "stream" : "unary");
    FakeTransport transport;
    transport.Enqueue(Stream({stream ? SseChunk("slow") : "{"}, true));
    absl::Status status = Run(stream, absl::Milliseconds(200), &transport);
    EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
    // An answer that began is never replayed.
    EXPECT_EQ(transport.requests().size(), 1u);
  }
}

TEST_F(ChatCallTest, RejectionHappensBeforeAnyUpstreamRequest) {
  policy_->reject = absl::PermissionDeniedError("model not allowed");
  for (bool stream : {false, true}) {
    EXPECT_EQ(Run(stream).code(), absl::StatusCode::kPermissionDenied);
  }
  EXPECT_TRUE(transport_.requests().empty());
  std::vector<CallOutcome> outcomes = Outcomes();
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].attempts, 0);
  EXPECT_EQ(outcomes[1].status.message(), "model not allowed");
}

TEST_F(ChatCallTest, DelayedAdmissionBlocksNoThreadAndThenProceeds) {
  policy_->delay = absl::Milliseconds(100);
  transport_.Enqueue(Stream({SseChunk("hi", "stop"), std::string(kSseUsage)}));
  CallServices services = Services(transport_);
  CallContext context;
  context.stream = true;
  ChatCall call(services, std::move(context), request_, *sink_);
  sink_->call = &call;
  absl::Time before = absl::Now();
  call.Start();  // returns while the policy is still deciding
  EXPECT_LT(absl::Now() - before, absl::Milliseconds(100));
  EXPECT_FALSE(sink_->finished.HasBeenNotified());
  EXPECT_TRUE(transport_.requests().empty());
  ASSERT_TRUE(sink_->finished.WaitForNotificationWithTimeout(absl::Seconds(5)));
  ASSERT_TRUE(transport_.WaitIdle(absl::Seconds(5)));
  absl::MutexLock lock(&sink_->mu);
  EXPECT_TRUE(sink_->status.ok());
  std::vector<CallContext> contexts;
  {
    absl::MutexLock policy_lock(&policy_->mu);
    contexts = policy_->contexts;
  }
  ASSERT_EQ(contexts.size(), 1u);
  EXPECT_EQ(contexts[0].caller_id, "tester");  // policies may fill it in
}

TEST_F(ChatCallTest, CancelDuringAdmissionEndsTheCallBeforeAnyRequest) {
  policy_->delay = absl::Milliseconds(200);
  CallServices services = Services(transport_);
  CallContext context;
  ChatCall call(services, std::move(context), request_, *sink_);
  sink_->call = &call;
  call.Start();
  call.Cancel();  // while the policy is still deciding
  ASSERT_TRUE(sink_->finished.WaitForNotificationWithTimeout(absl::Seconds(5)));
  absl::MutexLock lock(&sink_->mu);
  EXPECT_EQ(sink_->status.code(), absl::StatusCode::kCancelled);
  EXPECT_TRUE(transport_.requests().empty());
  absl::MutexLock policy_lock(&policy_->mu);
  ASSERT_EQ(policy_->outcomes.size(), 1u);
  // The policy saw the cancellation through its context.
  EXPECT_TRUE(policy_->saw_cancel);
}

TEST_F(ChatCallTest, SlowSinkPausesTheUpstreamAndLosesNothing) {
  std::vector<std::string> pieces;
  for (int i = 0; i < 200; ++i) pieces.push_back(SseChunk(absl::StrCat(i)));
  pieces.push_back(SseChunk("end", "stop"));
  pieces.push_back(std::string(kSseUsage));
  transport_.Enqueue(Stream(std::move(pieces)));
  sink_->hold_chunks = true;
  CallServices services = Services(transport_);
  CallContext context;
  context.stream = true;
  ChatCall call(services, std::move(context), request_, *sink_);
  sink_->call = &call;
  call.Start();
  // With the sink holding its first chunk, the queue fills and the
  // transfer pauses instead of buffering everything.
  absl::Time until = absl::Now() + absl::Seconds(5);
  while (transport_.pauses() == 0 && absl::Now() < until) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  ASSERT_GT(transport_.pauses(), 0);
  {
    absl::MutexLock lock(&sink_->mu);
    sink_->hold_chunks = false;
  }
  call.ChunkDone(true);
  ASSERT_TRUE(
      sink_->finished.WaitForNotificationWithTimeout(absl::Seconds(10)));
  ASSERT_TRUE(transport_.WaitIdle(absl::Seconds(5)));
  absl::MutexLock lock(&sink_->mu);
  EXPECT_TRUE(sink_->status.ok());
  ASSERT_EQ(sink_->chunks.size(), 202u);
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(sink_->chunks[i].choices(0).delta().content(), absl::StrCat(i));
  }
}

}  // namespace
}  // namespace literllm
