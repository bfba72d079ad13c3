#include "service/tracing/tracer.h"

#include <utility>

#include "service/call/trace_context.h"
#include "service/tracing/call_spans.h"

#ifndef LITERLLM_VERSION
#define LITERLLM_VERSION "0.0.0"
#endif

namespace literllm {
namespace {

SpanExporter::Options ExporterOptions(const TracingSettings& settings) {
  SpanExporter::Options options;
  options.endpoint = settings.endpoint;
  options.headers = settings.headers;
  options.timeout = settings.export_timeout;
  options.schedule_delay = settings.schedule_delay;
  options.max_queue = static_cast<size_t>(settings.max_queue_size);
  options.max_batch = static_cast<size_t>(settings.max_export_batch_size);
  options.source.resource = settings.resource;
  options.source.scope_name = "literllm";
  options.source.scope_version = LITERLLM_VERSION;
  return options;
}

}  // namespace

Tracer::Tracer(const TracingSettings& settings, HttpTransport& transport,
               GenAiProviderNames provider_names)
    : sampler_(settings.sampler, settings.sampler_ratio),
      capture_content_(settings.capture_content),
      provider_names_(std::move(provider_names)),
      exporter_(transport, ExporterOptions(settings)) {}

void Tracer::Begin(CallContext& context) const {
  TraceContext& trace = context.trace;
  const bool has_parent = trace.valid();
  if (!has_parent) trace.trace_id = NewTraceId();
  trace.sampled =
      sampler_.ShouldSample(trace.trace_id, has_parent, trace.sampled);
  if (trace.sampled || !has_parent) trace.span_id = NewSpanId();
  context.capture_content = capture_content_ && trace.sampled;
}

void Tracer::End(const CallOutcome& outcome) {
  const TraceContext& trace = outcome.context->trace;
  if (!trace.sampled || trace.span_id.empty()) return;
  exporter_.Export(CallSpans(outcome, provider_names_));
}

}  // namespace literllm
