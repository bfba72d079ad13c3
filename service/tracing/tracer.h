#ifndef LITERLLM_SERVICE_TRACING_TRACER_H_
#define LITERLLM_SERVICE_TRACING_TRACER_H_

#include <cstdint>

#include "absl/time/time.h"
#include "providers/http/transport.h"
#include "service/call/call_context.h"
#include "service/call/call_outcome.h"
#include "service/tracing/provider_names.h"
#include "service/tracing/sampler.h"
#include "service/tracing/span_exporter.h"
#include "service/tracing/tracing_settings.h"

namespace literllm {

// The server's tracing, while it is on: which calls are recorded, and
// where their spans go. Owned by the server; the tracing policy
// (tracing_policy.h) brings it to every call. Thread-safe.
class Tracer {
 public:
  // `settings` must be enabled; spans go out through `transport`, which
  // must outlive the tracer.
  Tracer(const TracingSettings& settings, HttpTransport& transport,
         GenAiProviderNames provider_names);

  // When a call starts: gives it a trace (the caller's, else a new one),
  // decides whether it is recorded, and if so its own span id and whether
  // its content is kept. An unrecorded call keeps the caller's span as the
  // upstream's parent (W3C lets a hop pass it on unchanged); one that
  // starts a trace gets an id, so the upstream still joins that trace,
  // flagged not sampled. Cheap either way: no lock, no allocation beyond
  // the ids.
  void Begin(CallContext& context) const;

  // When a call ends: queues the spans of a recorded call. Never blocks.
  void End(const CallOutcome& outcome);

  // Sends what is queued, waiting at most `wait`, then stops exporting.
  void Shutdown(absl::Duration wait) { exporter_.Shutdown(wait); }

  uint64_t spans_dropped() const { return exporter_.spans_dropped(); }
  uint64_t spans_exported() const { return exporter_.spans_exported(); }

 private:
  const Sampler sampler_;
  const bool capture_content_;
  const GenAiProviderNames provider_names_;
  SpanExporter exporter_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_TRACER_H_
