#ifndef LITERLLM_PROVIDERS_OPENAI_OPENAI_ERROR_H_
#define LITERLLM_PROVIDERS_OPENAI_OPENAI_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "providers/http/http_request.h"
#include "providers/provider.h"
#include "simdjson.h"

namespace literllm {

// A non-2xx answer as a status: "<provider>: <message> (code: <code>) (HTTP
// <status>)", a failure typed by HTTP status
// (providers/http/provider_failure.h), refined by the body for quotas, context
// overflow and content filters, and carrying Retry-After. Reads OpenAI's
// {"error":{...}} and the shapes OpenAI-compatible servers use
// ({"error":"..."}, vLLM's top-level "message"); any other body is relayed as
// ErrorBodyExcerpt.
absl::Status OpenAiHttpError(const ProviderConfig& config,
                             const HttpResponseHead& head,
                             absl::string_view body);

// An in-band stream error, `error` being the event's "error" member:
// "<provider>: <message> (code: <code>)", typed by the error's code and type
// (rate limit, quota, context length, authentication, ...), else by its
// numeric code as an HTTP status, else a server error.
absl::Status OpenAiStreamError(const ProviderConfig& config,
                               simdjson::dom::element error);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_OPENAI_OPENAI_ERROR_H_
