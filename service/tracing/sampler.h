#ifndef LITERLLM_SERVICE_TRACING_SAMPLER_H_
#define LITERLLM_SERVICE_TRACING_SAMPLER_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace literllm {

// OTEL_TRACES_SAMPLER's values.
enum class SamplerKind {
  kAlwaysOn,
  kAlwaysOff,
  kTraceIdRatio,
  kParentBasedAlwaysOn,
  kParentBasedAlwaysOff,
  kParentBasedTraceIdRatio,
};

// "parentbased_always_on", ...: the OTEL_TRACES_SAMPLER spelling.
absl::string_view SamplerKindName(SamplerKind kind);

// Decides which calls are recorded, as the OpenTelemetry SDK samplers do
// (https://opentelemetry.io/docs/specs/otel/trace/sdk/#built-in-samplers).
// Immutable; safe from any thread.
class Sampler {
 public:
  // `ratio` (OTEL_TRACES_SAMPLER_ARG) is used by the ratio kinds only, in
  // [0, 1].
  Sampler(SamplerKind kind, double ratio);

  // Whether the call in trace `trace_id` (32 hex digits) is recorded.
  // `has_parent`: the caller sent a valid traceparent, whose sampled flag
  // is `parent_sampled`; parent-based kinds follow it, the others decide
  // from the trace id alone.
  bool ShouldSample(absl::string_view trace_id, bool has_parent,
                    bool parent_sampled) const;

 private:
  // As the Go and Java SDKs do: the trace id's low 8 bytes, the random part
  // of any W3C trace id, halved to 63 bits, against ratio · 2^63. The same
  // trace id gets the same decision in every process using this rule, and a
  // higher ratio keeps every trace a lower one keeps.
  bool ByRatio(absl::string_view trace_id) const;

  SamplerKind kind_;
  uint64_t bound_;  // ratio · 2^63
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_SAMPLER_H_
