#ifndef LITERLLM_SERVICE_HTTP_OPENAI_ERRORS_H_
#define LITERLLM_SERVICE_HTTP_OPENAI_ERRORS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"

namespace literllm {

// A failed call as the OpenAI front answers it: the HTTP status that makes
// OpenAI's SDKs raise the matching exception, and the error body's fields.
struct OpenAiError {
  int http_status;
  std::string type;   // invalid_request_error, authentication_error, ...
  std::string code;   // context_length_exceeded, ...; empty: null
  std::string param;  // the request member at fault; empty: null
  std::optional<std::string> retry_after;  // seconds, for 429s
};

// By failure kind (providers/http/provider_failure.h), so a provider's 401
// is a 401, its 404 a 404, its 429 a 429 with Retry-After, a context
// overflow a 400; 5xx and network failures 502, overload 503, timeouts
// 504, unreadable answers 500. `param` names the member when the gateway's
// own validation rejected the request.
OpenAiError OpenAiErrorFor(const absl::Status& status);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_OPENAI_ERRORS_H_
