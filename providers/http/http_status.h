#ifndef LITERLLM_PROVIDERS_HTTP_HTTP_STATUS_H_
#define LITERLLM_PROVIDERS_HTTP_HTTP_STATUS_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace literllm {

// Status payload key holding the provider's Retry-After value (seconds, as
// the provider sent it). The service turns it into `retry-after` trailing
// metadata.
inline constexpr absl::string_view kRetryAfterPayload = "literllm/retry-after";

// The one place a provider's HTTP status becomes a canonical code:
// 400/413/422 → INVALID_ARGUMENT, 401 → UNAUTHENTICATED, 403 →
// PERMISSION_DENIED, 404 → NOT_FOUND, 408 → DEADLINE_EXCEEDED,
// 429 → RESOURCE_EXHAUSTED, 5xx/529 → UNAVAILABLE, anything else UNKNOWN.
absl::StatusCode HttpStatusToCode(int http_status);

// "<provider>: <message> (HTTP <status>)" with the mapped code, and the
// Retry-After payload when `retry_after` is not empty.
absl::Status ProviderHttpError(absl::string_view provider, int http_status,
                               absl::string_view message,
                               absl::string_view retry_after = {});

// The Retry-After payload of `status`, if any.
std::optional<std::string> RetryAfter(const absl::Status& status);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_HTTP_STATUS_H_
