#ifndef LITERLLM_PROVIDERS_GEMINI_GEMINI_ERROR_H_
#define LITERLLM_PROVIDERS_GEMINI_GEMINI_ERROR_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "providers/http/http_request.h"
#include "providers/provider.h"
#include "simdjson.h"

namespace literllm {

// A non-2xx answer as a status. Gemini's body is a google.rpc.Status,
// {"error":{"code":400,"message":...,"status":"INVALID_ARGUMENT",
// "details":[...]}}, relayed as "<provider>: <message> (<status>[:
// <reason>]) (HTTP <n>)". The code follows the HTTP status
// (providers/http/provider_failure.h) except where Gemini's own words are more
// precise: reason API_KEY_INVALID → UNAUTHENTICATED (Gemini answers a bad
// key with 400), status FAILED_PRECONDITION → FAILED_PRECONDITION (billing
// or region: no change to the request helps). Retry-After is kept; without
// one, a RetryInfo detail's retryDelay (rounded up to whole seconds) stands
// in. Other bodies are relayed as an excerpt. The key never appears.
absl::Status GeminiHttpError(const ProviderConfig& config,
                             const HttpResponseHead& head,
                             absl::string_view body);

// An in-band stream error, `error` being the event's "error" member:
// "<provider>: <message> (<status>)", coded as above from its numeric
// "code"; UNAVAILABLE when it has none.
absl::Status GeminiStreamError(const ProviderConfig& config,
                               simdjson::dom::element error);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_GEMINI_GEMINI_ERROR_H_
