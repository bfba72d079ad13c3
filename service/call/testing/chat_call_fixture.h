#ifndef LITERLLM_SERVICE_CALL_TESTING_CHAT_CALL_FIXTURE_H_
#define LITERLLM_SERVICE_CALL_TESTING_CHAT_CALL_FIXTURE_H_

// What the unit tests of ChatCall share: canned OpenAI answers for the fake
// transport, a policy that records outcomes (and may reject or delay), a
// sink that collects what the call delivers, and a fixture with two
// OpenAI-compatible providers (openai, groq) priced for cost checks.

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
#include "gtest/gtest.h"
#include "providers/http/provider_failure.h"
#include "service/call/chat_call.h"
#include "service/call/testing/fake_transport.h"

namespace literllm::testing {

constexpr absl::string_view kCompletion = R"({
  "id":"chatcmpl-1","object":"chat.completion","created":1700000000,
  "model":"gpt-4o-2024-08-06",
  "choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},
              "finish_reason":"stop"}],
  "usage":{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14}})";

inline std::string SseChunk(absl::string_view delta,
                            absl::string_view finish = "") {
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

inline FakeAnswer Ok(std::string body) {
  FakeAnswer answer;
  answer.pieces = {std::move(body)};
  return answer;
}

inline FakeAnswer HttpError(int status, std::string body,
                            HttpHeaders headers = {}) {
  FakeAnswer answer;
  answer.status = status;
  answer.headers = std::move(headers);
  answer.pieces = {std::move(body)};
  return answer;
}

inline FakeAnswer NetworkFailure() {
  FakeAnswer answer;
  answer.end = WithFailureKind(absl::UnknownError("connection reset"),
                               FailureKind::kNetwork);
  return answer;
}

inline FakeAnswer Stream(std::vector<std::string> pieces, bool hang = false) {
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
  // Gives admitted calls a trace span of their own and asks for the text,
  // as the tracing policy does.
  std::optional<TraceContext> trace;

  void Admit(CallContext& context, const v1::ChatCompletionRequest& request,
             AdmitDone done) override {
    context.caller_id = "tester";
    if (trace.has_value()) {
      context.trace = *trace;
      context.capture_content = true;
    }
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

}  // namespace literllm::testing

#endif  // LITERLLM_SERVICE_CALL_TESTING_CHAT_CALL_FIXTURE_H_
