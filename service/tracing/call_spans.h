#ifndef LITERLLM_SERVICE_TRACING_CALL_SPANS_H_
#define LITERLLM_SERVICE_TRACING_CALL_SPANS_H_

#include <vector>

#include "service/call/call_outcome.h"
#include "service/tracing/provider_names.h"
#include "service/tracing/span.h"

namespace literllm {

// The spans of one traced call, following the OpenTelemetry GenAI semantic
// conventions:
//  - one SERVER span, `chat {gen_ai.request.model}`, the call as the caller
//    saw it: its id and parent are those of the call's trace context
//    (the caller's span as parent, tracestate kept), from the outcome's
//    start for its latency; gen_ai.* request, response and usage attributes,
//    gen_ai.usage.cost, server.address/port of the last attempt,
//    literllm.front/caller/deployment/attempts/stream, for streams
//    gen_ai.response.time_to_first_chunk; on failure error.type (the gRPC
//    code name) and status ERROR with the status message; with content
//    capture on, gen_ai.input.messages and gen_ai.output.messages;
//  - one CLIENT span per upstream attempt, child of the SERVER span, whose
//    id is the one sent upstream in that attempt's traceparent:
//    `chat {upstream model}` with http.request.method,
//    http.response.status_code, server.address/port, literllm.attempt (from 1),
//    gen_ai.provider.name; on failure error.type (the failure kind, e.g.
//    rate_limited).
// `outcome.context->trace` must carry the call's span id (the tracing
// policy set it). Runs on the call's thread when it ends: copies only.
std::vector<Span> CallSpans(const CallOutcome& outcome,
                            const GenAiProviderNames& provider_names);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_CALL_SPANS_H_
