#ifndef LITERLLM_SERVICE_CALL_UPSTREAM_ANSWER_H_
#define LITERLLM_SERVICE_CALL_UPSTREAM_ANSWER_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "providers/http/http_request.h"
#include "providers/provider.h"

namespace literllm {

// How long a 429's rate limit takes to reset, from the headers providers send
// besides Retry-After (retry-after-ms, x-ratelimit-reset-requests/-tokens).
std::optional<absl::Duration> RateLimitReset(const HttpResponseHead& head);

// Why an upstream answer cannot be used, or OK when it can: a transfer that
// failed (prefixed with the provider's name; a cancellation caused by the
// attempt's deadline is a timeout), or a non-2xx answer, whose `body` the
// provider turns into a typed failure relaying its message.
absl::Status UpstreamError(const Provider& provider,
                           const absl::Status& transfer,
                           const HttpResponseHead& head, absl::string_view body,
                           absl::Time deadline);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_UPSTREAM_ANSWER_H_
