// The call pipeline on an in-process fake transport: answers, usage and
// cost reported once, cancellation, deadlines, policies and backpressure,
// for unary calls and streams alike. Retries and fallbacks:
// chat_call_retry_test.cc.
#include "service/call/chat_call.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "service/call/testing/chat_call_fixture.h"

namespace literllm::testing {
namespace {

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
  EXPECT_TRUE(outcomes[0].admitted);
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

TEST_F(ChatCallTest, OutcomeDescribesTheAnswerAndEveryAttempt) {
  transport_.Enqueue(HttpError(503, R"({"error":{"message":"busy"}})"));
  transport_.Enqueue(Ok(std::string(kCompletion)));
  ASSERT_TRUE(Run(false).ok());
  std::vector<CallOutcome> outcomes = Outcomes();
  ASSERT_EQ(outcomes.size(), 1u);
  const CallOutcome& outcome = outcomes[0];
  EXPECT_EQ(outcome.response_id, "chatcmpl-1");
  EXPECT_EQ(outcome.response_model, "gpt-4o-2024-08-06");
  EXPECT_EQ(outcome.finish_reasons, std::vector<std::string>{"stop"});
  EXPECT_TRUE(outcome.completion_text.empty());  // not asked for
  ASSERT_EQ(outcome.attempt_log.size(), 2u);
  EXPECT_EQ(outcome.attempt_log[0].http_status, 503);
  EXPECT_FALSE(outcome.attempt_log[0].status.ok());
  EXPECT_EQ(outcome.attempt_log[1].http_status, 200);
  EXPECT_TRUE(outcome.attempt_log[1].status.ok());
  for (const AttemptRecord& attempt : outcome.attempt_log) {
    EXPECT_EQ(attempt.provider, "openai");
    EXPECT_EQ(attempt.deployment, "openai/gpt-4o");
    EXPECT_EQ(attempt.server_address, "openai.test");
    EXPECT_EQ(attempt.server_port, 80);
    EXPECT_LE(attempt.start, attempt.end);
    EXPECT_TRUE(attempt.span_id.empty());  // not traced
  }
  EXPECT_GT(outcome.upstream_time, absl::ZeroDuration());
  EXPECT_LE(outcome.upstream_time, outcome.latency);
  EXPECT_EQ(outcome.request->model(), "openai/gpt-4o");
  // Untraced calls send no trace context upstream.
  for (const HttpRequest& request : transport_.requests()) {
    for (const auto& [name, value] : request.headers) {
      EXPECT_NE(name, "traceparent");
    }
  }
}

TEST_F(ChatCallTest, TracedStreamSendsEachAttemptsSpanUpstream) {
  policy_->trace = ParseTraceparent(
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "k=v");
  policy_->trace->span_id = "1111111111111111";
  transport_.Enqueue(NetworkFailure());
  transport_.Enqueue(Stream(
      {SseChunk("Hel"), SseChunk("lo", "stop"), std::string(kSseUsage)}));
  ASSERT_TRUE(Run(true).ok());
  std::vector<CallOutcome> outcomes = Outcomes();
  ASSERT_EQ(outcomes.size(), 1u);
  const CallOutcome& outcome = outcomes[0];
  EXPECT_EQ(outcome.completion_text, "Hello");
  EXPECT_EQ(outcome.response_id, "c1");
  EXPECT_EQ(outcome.finish_reasons, std::vector<std::string>{"stop"});
  ASSERT_EQ(outcome.attempt_log.size(), 2u);
  EXPECT_EQ(outcome.attempt_log[0].http_status, 0);  // no answer
  std::vector<HttpRequest> sent = transport_.requests();
  ASSERT_EQ(sent.size(), 2u);
  for (size_t i = 0; i < sent.size(); ++i) {
    const std::string& span = outcome.attempt_log[i].span_id;
    EXPECT_EQ(span.size(), 16u);
    HttpResponseHead headers{0, sent[i].headers};
    EXPECT_EQ(
        headers.Header("traceparent"),
        absl::StrCat("00-4bf92f3577b34da6a3ce929d0e0e4736-", span, "-01"));
    EXPECT_EQ(headers.Header("tracestate"), "k=v");
  }
  EXPECT_NE(outcome.attempt_log[0].span_id, outcome.attempt_log[1].span_id);
}

TEST_F(ChatCallTest, WithoutASpanOfItsOwnTheCallersTraceparentIsPassedOn) {
  constexpr absl::string_view kCallers =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
  policy_->trace = ParseTraceparent(kCallers, "");
  transport_.Enqueue(Ok(std::string(kCompletion)));
  ASSERT_TRUE(Run(false).ok());
  std::vector<HttpRequest> sent = transport_.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ((HttpResponseHead{0, sent[0].headers}.Header("traceparent")),
            kCallers);
  EXPECT_TRUE(Outcomes().at(0).attempt_log.at(0).span_id.empty());
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
  EXPECT_FALSE(outcomes[0].admitted);
  EXPECT_FALSE(outcomes[1].admitted);
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

// A sink that deletes its call when told it finished, as the fronts do.
class DeletingSink final : public ChatSink {
 public:
  ChatCall* call = nullptr;
  void OnResponse(v1::ChatCompletionResponse) override {}
  void OnChunk(const v1::ChatCompletionChunk&) override {
    call->ChunkDone(true);
  }
  void OnFinish(const absl::Status& status) override {
    ok = status.ok();
    delete call;
    finished.Notify();
  }
  bool ok = false;
  absl::Notification finished;
};

TEST_F(ChatCallTest, CallAdmittedOnAnotherThreadMayEndBeforeItsStartReturns) {
  // Admission answers on another thread, and the transport may finish the
  // whole answer before the hand-over returns there: the call must not be
  // deleted under that thread (ASan and the mutex checks watch).
  policy_->delay = absl::Microseconds(1);
  transport_.set_return_delay(absl::Milliseconds(20));
  CallServices services = Services(transport_);
  for (int i = 0; i < 20; ++i) {
    transport_.Enqueue(Ok(std::string(kCompletion)));
    DeletingSink sink;
    CallContext context;
    sink.call = new ChatCall(services, std::move(context), request_, sink);
    sink.call->Start();
    ASSERT_TRUE(sink.finished.WaitForNotificationWithTimeout(absl::Seconds(5)));
    EXPECT_TRUE(sink.ok) << i;
  }
  ASSERT_TRUE(transport_.WaitIdle(absl::Seconds(5)));
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
}  // namespace literllm::testing
