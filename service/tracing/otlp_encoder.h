#ifndef LITERLLM_SERVICE_TRACING_OTLP_ENCODER_H_
#define LITERLLM_SERVICE_TRACING_OTLP_ENCODER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "service/tracing/span.h"

namespace literllm {

// Who produced the spans: OTLP's Resource (service.name, telemetry.sdk.*,
// OTEL_RESOURCE_ATTRIBUTES) and the instrumentation scope.
struct SpanSource {
  std::vector<std::pair<std::string, std::string>> resource;
  std::string scope_name = "literllm";
  std::string scope_version;
};

// The body of an OTLP/HTTP trace export (POST /v1/traces, Content-Type
// application/x-protobuf): an ExportTraceServiceRequest with one
// ResourceSpans holding one ScopeSpans with `spans`. Field numbers are those
// of opentelemetry-proto's trace/v1/trace.proto, common/v1/common.proto,
// resource/v1/resource.proto and collector/trace/v1/trace_service.proto.
std::string EncodeExportRequest(const SpanSource& source,
                                absl::Span<const Span> spans);

// `spans` as the ScopeSpans' `spans` entries, appended to `out`: what a
// batch is made of, so a call's spans are encoded once, while they are
// fresh, and freed at once.
void AppendEncodedSpans(absl::Span<const Span> spans, std::string& out);
// The export request around `encoded`, a concatenation of
// AppendEncodedSpans outputs.
std::string WrapEncodedSpans(const SpanSource& source,
                             absl::Span<const std::string> encoded);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_OTLP_ENCODER_H_
