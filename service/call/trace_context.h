#ifndef LITERLLM_SERVICE_CALL_TRACE_CONTEXT_H_
#define LITERLLM_SERVICE_CALL_TRACE_CONTEXT_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace literllm {

// The W3C trace context of one call (https://www.w3.org/TR/trace-context/).
// Ids are lower-case hex: 32 digits for a trace, 16 for a span.
struct TraceContext {
  std::string trace_id;        // empty: the call is not part of a trace
  std::string parent_span_id;  // the caller's span; empty for a root span
  // The call's own (SERVER) span, set by the tracing policy when it admits
  // the call; empty while tracing is off.
  std::string span_id;
  bool sampled = false;    // the trace is recorded
  std::string tracestate;  // vendor state, passed on unchanged

  bool valid() const { return !trace_id.empty(); }
};

// The trace context of a `traceparent` value (and `tracestate`), with the
// caller's span as parent; nullopt when the value is malformed, as the
// specification asks (a new trace starts instead).
std::optional<TraceContext> ParseTraceparent(absl::string_view traceparent,
                                             absl::string_view tracestate);

// "00-<trace id>-<span id>-<flags>" for a request sent on behalf of `trace`
// from its span `span_id`.
std::string FormatTraceparent(const TraceContext& trace,
                              absl::string_view span_id);

// Random non-zero ids, lower-case hex; cheap enough for every call.
std::string NewTraceId();
std::string NewSpanId();

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_TRACE_CONTEXT_H_
