#ifndef LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_ERROR_H_
#define LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_ERROR_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "providers/http/http_request.h"
#include "providers/http/provider_failure.h"
#include "providers/provider.h"
#include "simdjson.h"

namespace literllm {

// Anthropic's error bodies and in-stream error events share one shape:
// {"type":"error","error":{"type":"overloaded_error","message":"..."}}.
// Relayed messages read "<provider>: <message> (type: <type>)", with the
// configured key scrubbed should Anthropic echo it.

// A non-2xx answer, a failure typed by HTTP status
// (providers/http/provider_failure.h; 529 overloaded) and carrying
// Retry-After. A status with no meaning of its own (402 billing_error) is
// typed by the error type instead, and a 400 saying "prompt is too long" is a
// context-length failure. A body without the error shape is relayed as an
// excerpt.
absl::Status AnthropicHttpError(const ProviderConfig& config,
                                const HttpResponseHead& head,
                                absl::string_view body);

// An `error` event after the 200, `event` being its parsed data; typed by
// AnthropicErrorKind.
absl::Status AnthropicStreamError(const ProviderConfig& config,
                                  simdjson::dom::element event);

// overloaded_error → overloaded; rate_limit_error → rate limited;
// billing_error → quota exhausted; invalid_request_error and
// request_too_large → bad request, or context length when the message says
// "prompt is too long"; authentication_error, permission_error,
// not_found_error, timeout_error → their kinds; api_error and unknown types
// → server error.
FailureKind AnthropicErrorKind(absl::string_view type,
                               absl::string_view message);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_ERROR_H_
