#ifndef LITERLLM_SERVICE_HTTP_ANTHROPIC_ERRORS_H_
#define LITERLLM_SERVICE_HTTP_ANTHROPIC_ERRORS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace literllm {

// A failed call as the Anthropic front answers it: the HTTP status that
// makes Anthropic's SDKs raise the matching exception, and error.type.
struct AnthropicError {
  int http_status;
  std::string type;  // invalid_request_error, authentication_error, ...
  std::optional<std::string> retry_after;  // seconds
};

// By failure kind (providers/http/provider_failure.h), as Anthropic's API
// answers: bad request, context length, content filter and precondition →
// 400 invalid_request_error; 401 authentication_error; 403
// permission_error; 404 not_found_error; rate limit → 429 rate_limit_error
// and a spent budget or quota → 402 billing_error (the SDKs do not retry
// it), both with retry-after when known; overload → 529 overloaded_error;
// timeout → 504 timeout_error; 5xx, network failures and unreadable
// answers → 500 api_error.
AnthropicError AnthropicErrorFor(const absl::Status& status);

// {"type":"error","error":{"type":...,"message":...}}.
std::string AnthropicErrorJson(absl::string_view type,
                               absl::string_view message);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_ANTHROPIC_ERRORS_H_
