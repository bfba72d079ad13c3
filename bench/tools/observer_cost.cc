// What each observer of a call costs on the thread that finishes it, in
// nanoseconds per call: the metrics policy, the tracing policy's span
// building and queueing, the access log line, and the OTLP encoding of a
// call's spans (which runs later, on the exporter's timer thread). One
// process, one thread, a typical outcome (unary, one attempt, usage and
// cost); the transport discards exports. Run: build/release/bench/
// bench-observer-cost [calls].
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "service/call/call_context.h"
#include "service/call/call_outcome.h"
#include "service/call/trace_context.h"
#include "service/metrics/metrics_registry.h"
#include "service/policy/access_log_policy.h"
#include "service/policy/metrics_policy.h"
#include "service/tracing/call_spans.h"
#include "service/tracing/otlp_encoder.h"
#include "service/tracing/span_exporter.h"

namespace literllm {
namespace {

// Accepts every export at once, without sending it anywhere.
class DiscardingTransport final : public HttpTransport {
 public:
  TransferId Start(HttpRequest, absl::Time,
                   HttpResponseHandler* handler) override {
    handler->OnHead(HttpResponseHead{200, {}});
    handler->OnComplete(absl::OkStatus());
    return ++next_;
  }
  void Cancel(TransferId) override {}
  void Resume(TransferId) override {}

 private:
  TransferId next_ = 0;
};

struct TypicalCall {
  TypicalCall() {
    context.front = Front::kOpenAiHttp;
    context.trace.trace_id = NewTraceId();
    context.trace.span_id = NewSpanId();
    context.trace.sampled = true;
    request.set_model("openai/gpt-4o");
    request.set_temperature(0.2);
    request.set_max_tokens(256);
    request.add_messages()->set_role("user");
    request.mutable_messages(0)->set_content("Summarise these notes.");
    const absl::Time now = absl::Now();
    outcome.context = &context;
    outcome.request = &request;
    outcome.model = "openai/gpt-4o";
    outcome.provider = "openai";
    outcome.deployment = "openai/gpt-4o";
    outcome.admitted = true;
    outcome.attempts = 1;
    outcome.start = now;
    outcome.latency = absl::Milliseconds(3);
    outcome.time_to_first_token = absl::Milliseconds(3);
    outcome.upstream_time = absl::Milliseconds(2.9);
    v1::Usage usage;
    usage.set_prompt_tokens(300);
    usage.set_completion_tokens(20);
    usage.set_total_tokens(320);
    outcome.usage = usage;
    outcome.cost_usd = 0.00095;
    outcome.response_id = "chatcmpl-bench";
    outcome.response_model = "gpt-4o-2024-08-06";
    outcome.finish_reasons = {"stop"};
    AttemptRecord& attempt = outcome.attempt_log.emplace_back();
    attempt.provider = "openai";
    attempt.deployment = "openai/gpt-4o";
    attempt.server_address = "api.openai.com";
    attempt.server_port = 443;
    attempt.http_status = 200;
    attempt.start = now;
    attempt.end = now + absl::Milliseconds(2.9);
    attempt.span_id = NewSpanId();
  }

  CallContext context;
  v1::ChatCompletionRequest request;
  CallOutcome outcome;
};

template <typename Step>
double NanosPerCall(int calls, Step step) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < calls; ++i) step();
  const auto end = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::nano>(end - start).count() / calls;
}

int Main(int calls) {
  TypicalCall call;
  MetricsRegistry registry;
  MetricsPolicy metrics(registry);
  const GenAiProviderNames names;
  DiscardingTransport transport;
  SpanExporter::Options options;
  options.endpoint = "http://127.0.0.1:4318/v1/traces";
  options.max_queue = 1 << 20;
  options.max_batch = 512;
  SpanExporter exporter(transport, options);
  const std::vector<Span> spans = CallSpans(call.outcome, names);
  size_t encoded = 0;

  std::printf("| observer step | ns per call |\n|---|---:|\n");
  std::printf("| metrics policy (Finished) | %.0f |\n",
              NanosPerCall(calls, [&] { metrics.Finished(call.outcome); }));
  std::printf("| spans of a call (CallSpans) | %.0f |\n",
              NanosPerCall(calls, [&] {
                std::vector<Span> s = CallSpans(call.outcome, names);
                encoded += s.size();
              }));
  std::printf("| spans built and queued (exports discarded) | %.0f |\n",
              NanosPerCall(calls, [&] {
                exporter.Export(CallSpans(call.outcome, names));
              }));
  std::vector<Span> batch;  // a batch of 256 calls
  for (int i = 0; i < 256; ++i) {
    batch.insert(batch.end(), spans.begin(), spans.end());
  }
  std::printf("| OTLP encoding of a call's spans | %.0f |\n",
              NanosPerCall(calls / 256, [&] {
                encoded += EncodeExportRequest(options.source, batch).size();
              }) / 256);
  std::printf("| access log line | %.0f |\n", NanosPerCall(calls, [&] {
                encoded += AccessLogLineOf(call.outcome, absl::Now()).size();
              }));
  exporter.Shutdown(absl::Seconds(1));
  return encoded > 0 ? 0 : 1;
}

}  // namespace
}  // namespace literllm

int main(int argc, char** argv) {
  return literllm::Main(argc > 1 ? std::atoi(argv[1]) : 200000);
}
