#ifndef LITERLLM_PROVIDERS_HTTP_PROVIDER_FAILURE_H_
#define LITERLLM_PROVIDERS_HTTP_PROVIDER_FAILURE_H_

// What went wrong with a provider, as a kind the gateway acts on. A failure
// is an absl::Status whose code follows from its kind (the public status
// mapping) and whose payload names the kind, so retry, fallback, circuit
// breaker and every front switch on the kind and never read message text.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace literllm {

enum class FailureKind {
  kRateLimited,      // 429: try again after Retry-After
  kQuotaExhausted,   // 429 for a spent quota or unpaid bill: not in seconds
  kOverloaded,       // 529, "overloaded": the provider sheds load
  kServerError,      // 5xx
  kTimeout,          // no (whole) answer in time
  kNetwork,          // connection refused or reset, a stream cut short
  kAuthentication,   // 401: the provider key is wrong
  kPermission,       // 403
  kBadRequest,       // 400/413/422: the request is the caller's to fix
  kContextLength,    // the prompt does not fit the model's context
  kContentFiltered,  // the provider refused the prompt by policy
  kPrecondition,     // the account or region cannot use the model as asked
  kNotFound,         // 404: e.g. an unknown model
  kMalformedAnswer,  // a 2xx answer the codec cannot read
  kCancelled,        // the caller went away
  kUnknown,          // an HTTP status with no known meaning
};

// "rate_limited", "context_length", ...: for logs, metrics and tests.
absl::string_view FailureKindName(FailureKind kind);

// The public status code of each kind (architecture contract): rate limit
// and quota → RESOURCE_EXHAUSTED; overload, 5xx and network → UNAVAILABLE;
// timeout → DEADLINE_EXCEEDED; bad request, context length and content
// filter → INVALID_ARGUMENT; malformed answer → INTERNAL; ...
absl::StatusCode FailureCode(FailureKind kind);

// The kind of a provider's HTTP status, before its body is read:
// 400/413/422 bad request, 401 authentication, 403 permission, 404 not
// found, 408 timeout, 429 rate limited, 529 overloaded, other 5xx server
// error, anything else unknown.
FailureKind HttpStatusKind(int http_status);

// "<provider>: <message>" typed as `kind`, with Retry-After (seconds, as the
// provider sent it) when `retry_after` is not empty.
absl::Status ProviderFailure(FailureKind kind, absl::string_view provider,
                             absl::string_view message,
                             absl::string_view retry_after = {});

// The kind of an error a provider reports inside a 200 answer (a stream's
// error event), which may carry an HTTP status as its code: that status's
// kind, else a server error.
FailureKind InBandErrorKind(std::optional<int64_t> http_code);

// "<provider>: <message> (HTTP <status>)" typed by HttpStatusKind; codecs
// refine the kind from the body (WithFailureKind).
absl::Status ProviderHttpError(absl::string_view provider, int http_status,
                               absl::string_view message,
                               absl::string_view retry_after = {});

// `status` with its kind set (the code follows the kind); message and other
// payloads kept.
absl::Status WithFailureKind(const absl::Status& status, FailureKind kind);

// The kind a failure carries (set by a codec, the transport or a policy);
// nullopt for a plain status.
std::optional<FailureKind> CarriedFailureKind(const absl::Status& status);

// The kind of a failure: the one it carries, else the one its code implies
// (a status made outside a codec, e.g. a caller's bad request).
FailureKind FailureKindOf(const absl::Status& status);

// Whether another attempt at the same model may help: rate limits, overload,
// 5xx, network failures and timeouts.
bool IsRetryable(FailureKind kind);

// Whether the next model may help once the current one's retries are spent:
// what is retryable, and a spent quota (another provider has its own).
bool IsFallbackWorthy(FailureKind kind);

// Whether the failure counts against a deployment's health: the provider
// failed, rather than the caller's request.
bool IsProviderFault(FailureKind kind);

// The Retry-After a failure carries, if any.
std::optional<std::string> RetryAfter(const absl::Status& status);
void SetRetryAfter(absl::Status& status, absl::string_view retry_after);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_PROVIDER_FAILURE_H_
