#include "service/tracing/tracer.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "providers/http/curl_transport.h"
#include "service/tracing/testing/wire_message.h"
#include "service/tracing/tracing_policy.h"
#include "tests/fake_http/fake_http_server.h"

namespace literllm {
namespace {

using ::literllm::testing::FakeHttpServer;
using ::literllm::testing::JsonHandler;
using ::literllm::testing::SpansOf;

bool IsHex(const std::string& s, size_t size) {
  return s.size() == size &&
         s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

class TracerTest : public ::testing::Test {
 protected:
  TracerTest() : collector_(JsonHandler(200, "{}")) {
    settings_.enabled = true;
    settings_.endpoint = absl::StrCat(collector_.base_url(), "/v1/traces");
    settings_.schedule_delay = absl::Hours(1);  // Shutdown sends
  }

  CallContext WithCallerTrace(bool sampled) {
    CallContext context;
    context.trace = *ParseTraceparent(
        absl::StrCat("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-",
                     sampled ? "01" : "00"),
        "");
    return context;
  }

  // The outcome of a call that ran one attempt from `context`.
  CallOutcome Outcome(const CallContext& context) {
    CallOutcome outcome;
    outcome.context = &context;
    outcome.model = "openai/gpt-4o";
    outcome.start = absl::Now();
    AttemptRecord& attempt = outcome.attempt_log.emplace_back();
    attempt.provider = "openai";
    attempt.deployment = "openai/gpt-4o";
    attempt.start = outcome.start;
    attempt.end = outcome.start + absl::Milliseconds(1);
    attempt.span_id = NewSpanId();
    return outcome;
  }

  TracingSettings settings_;
  FakeHttpServer collector_;
  CurlTransport transport_;
};

TEST_F(TracerTest, NewTraceWhenTheCallerSentNone) {
  Tracer tracer(settings_, transport_, GenAiProviderNames());
  CallContext context;
  tracer.Begin(context);
  EXPECT_TRUE(IsHex(context.trace.trace_id, 32));
  EXPECT_TRUE(IsHex(context.trace.span_id, 16));
  EXPECT_TRUE(context.trace.parent_span_id.empty());
  EXPECT_TRUE(context.trace.sampled);
  EXPECT_FALSE(context.capture_content);
}

TEST_F(TracerTest, CallersSampledTraceGetsTheCallsOwnSpan) {
  settings_.capture_content = true;
  Tracer tracer(settings_, transport_, GenAiProviderNames());
  CallContext context = WithCallerTrace(true);
  tracer.Begin(context);
  EXPECT_EQ(context.trace.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(context.trace.parent_span_id, "00f067aa0ba902b7");
  EXPECT_TRUE(IsHex(context.trace.span_id, 16));
  EXPECT_NE(context.trace.span_id, context.trace.parent_span_id);
  EXPECT_TRUE(context.trace.sampled);
  EXPECT_TRUE(context.capture_content);
}

TEST_F(TracerTest, UnsampledCallerTraceIsPassedOnUnrecorded) {
  settings_.capture_content = true;
  Tracer tracer(settings_, transport_, GenAiProviderNames());
  CallContext context = WithCallerTrace(false);
  tracer.Begin(context);
  EXPECT_EQ(context.trace.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_FALSE(context.trace.sampled);
  // No span of ours: the upstream's parent stays the caller's span.
  EXPECT_TRUE(context.trace.span_id.empty());
  EXPECT_FALSE(context.capture_content);
}

TEST_F(TracerTest, UnsampledRootStillStartsATraceForTheUpstream) {
  settings_.sampler = SamplerKind::kAlwaysOff;
  Tracer tracer(settings_, transport_, GenAiProviderNames());
  CallContext context;
  tracer.Begin(context);
  EXPECT_TRUE(IsHex(context.trace.trace_id, 32));
  EXPECT_TRUE(IsHex(context.trace.span_id, 16));
  EXPECT_FALSE(context.trace.sampled);
  EXPECT_EQ(FormatTraceparent(context.trace, context.trace.span_id).substr(53),
            "00");
}

TEST_F(TracerTest, RecordedCallsAreExportedAndOthersAreNot) {
  Tracer tracer(settings_, transport_, GenAiProviderNames());
  TracingPolicy policy(tracer);
  CallContext sampled = WithCallerTrace(true);
  CallContext unsampled = WithCallerTrace(false);
  v1::ChatCompletionRequest request;
  for (CallContext* context : {&sampled, &unsampled}) {
    absl::Status admitted = absl::UnknownError("not called");
    policy.Admit(*context, request,
                 [&admitted](absl::Status s) { admitted = std::move(s); });
    EXPECT_TRUE(admitted.ok()) << admitted;
  }
  policy.Finished(Outcome(sampled));
  policy.Finished(Outcome(unsampled));
  policy.Finished(Outcome(unsampled));
  tracer.Shutdown(absl::Seconds(2));
  ASSERT_EQ(collector_.request_count(), 1);
  // The recorded call's SERVER span and its attempt's CLIENT span only.
  EXPECT_EQ(SpansOf(collector_.requests()[0].body).size(), 2u);
  EXPECT_EQ(tracer.spans_exported(), 2u);
  EXPECT_EQ(tracer.spans_dropped(), 0u);
}

TEST_F(TracerTest, RatioSamplingKeepsItsShareOfNewTraces) {
  settings_.sampler = SamplerKind::kParentBasedTraceIdRatio;
  settings_.sampler_ratio = 0.5;
  Tracer tracer(settings_, transport_, GenAiProviderNames());
  int sampled = 0;
  for (int i = 0; i < 4000; ++i) {
    CallContext context;
    tracer.Begin(context);
    sampled += context.trace.sampled;
  }
  EXPECT_NEAR(sampled / 4000.0, 0.5, 0.05);
}

}  // namespace
}  // namespace literllm
