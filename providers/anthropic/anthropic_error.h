#ifndef LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_ERROR_H_
#define LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_ERROR_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "providers/http/http_request.h"
#include "providers/provider.h"
#include "simdjson.h"

namespace literllm {

// Anthropic's error bodies and in-stream error events share one shape:
// {"type":"error","error":{"type":"overloaded_error","message":"..."}}.
// Relayed messages read "<provider>: <message> (type: <type>)", with the
// configured key scrubbed should Anthropic echo it.

// A non-2xx answer, coded by HTTP status (providers/http/http_status.h; 529
// overloaded → UNAVAILABLE) and carrying Retry-After. A status with no
// canonical code (402 billing_error) is coded by the error type instead. A
// body without the error shape is relayed as an excerpt.
absl::Status AnthropicHttpError(const ProviderConfig& config,
                                const HttpResponseHead& head,
                                absl::string_view body);

// An `error` event after the 200, `event` being its parsed data; coded by
// AnthropicErrorCode.
absl::Status AnthropicStreamError(const ProviderConfig& config,
                                  simdjson::dom::element event);

// overloaded_error, api_error and unknown types → UNAVAILABLE;
// rate_limit_error and billing_error → RESOURCE_EXHAUSTED;
// invalid_request_error, request_too_large and any "prompt is too long"
// message → INVALID_ARGUMENT; authentication_error → UNAUTHENTICATED;
// permission_error → PERMISSION_DENIED; not_found_error → NOT_FOUND;
// timeout_error → DEADLINE_EXCEEDED.
absl::StatusCode AnthropicErrorCode(absl::string_view type,
                                    absl::string_view message);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_ERROR_H_
