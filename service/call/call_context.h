#ifndef LITERLLM_SERVICE_CALL_CALL_CONTEXT_H_
#define LITERLLM_SERVICE_CALL_CALL_CONTEXT_H_

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "service/call/caller.h"
#include "service/call/trace_context.h"

namespace literllm {

// The wire a call came in on.
enum class Front {
  kGrpc,
  kOpenAiHttp,
  kAnthropicHttp,
};

// "grpc", "openai", "anthropic": for outcomes, metrics and logs.
absl::string_view FrontName(Front front);

// What the gateway knows about a call besides its request, whatever front it
// came from. The front fills it before the call starts; policies may fill in
// what they learn (e.g. the caller's identity once a key was checked).
struct CallContext {
  Front front = Front::kGrpc;
  bool stream = false;
  // The credential the caller presented (`authorization: Bearer <key>`);
  // empty when none. A secret: never logged, never in an outcome.
  std::string caller_key;
  // Who the caller is, once a policy established it; empty: anonymous.
  std::string caller_id;
  // The caller key's name and rules, once a policy checked the key; null
  // while the gateway runs without keys.
  std::shared_ptr<const Caller> caller;
  // The caller's deadline; InfiniteFuture when it set none. The call caps
  // it at the server's maximum call duration.
  absl::Time deadline = absl::InfiniteFuture();
  // The caller's W3C trace context (`traceparent`, `tracestate`); the
  // tracing policy gives the call its own span in it. Invalid when the
  // caller sent none and tracing is off.
  TraceContext trace;
  // Set by the tracing policy: the call keeps the completion text for the
  // outcome (OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT).
  bool capture_content = false;
  // Request metadata by lower-case name: gRPC metadata or HTTP headers.
  absl::flat_hash_map<std::string, std::string> metadata;
  // Set by the call: true once the caller went away, so a policy waiting
  // on a slow admit (a network round trip) can give up early.
  const std::atomic<bool>* cancelled = nullptr;

  // A metadata value, if the caller sent it.
  std::optional<absl::string_view> Metadata(absl::string_view name) const;
};

// The context of a call whose request metadata (gRPC metadata or HTTP
// headers, by lower-case name) is `metadata`: the caller key from
// `authorization: Bearer <key>` (else `x-api-key`, as Anthropic's SDKs send
// it) and the trace context (`traceparent`, `tracestate`). The deadline is the
// front's to set.
CallContext CallContextFromMetadata(
    Front front, bool stream,
    absl::flat_hash_map<std::string, std::string> metadata);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_CALL_CONTEXT_H_
