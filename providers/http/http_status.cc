#include "providers/http/http_status.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace literllm {

absl::StatusCode HttpStatusToCode(int http_status) {
  switch (http_status) {
    case 400:
    case 413:
    case 422:
      return absl::StatusCode::kInvalidArgument;
    case 401:
      return absl::StatusCode::kUnauthenticated;
    case 403:
      return absl::StatusCode::kPermissionDenied;
    case 404:
      return absl::StatusCode::kNotFound;
    case 408:
      return absl::StatusCode::kDeadlineExceeded;
    case 429:
      return absl::StatusCode::kResourceExhausted;
    default:
      break;
  }
  if (http_status >= 500 && http_status <= 599) {
    return absl::StatusCode::kUnavailable;
  }
  return absl::StatusCode::kUnknown;
}

absl::Status ProviderHttpError(absl::string_view provider, int http_status,
                               absl::string_view message,
                               absl::string_view retry_after) {
  absl::Status status(
      HttpStatusToCode(http_status),
      absl::StrCat(provider, ": ", message, " (HTTP ", http_status, ")"));
  if (!retry_after.empty()) {
    status.SetPayload(kRetryAfterPayload, absl::Cord(retry_after));
  }
  return status;
}

std::optional<std::string> RetryAfter(const absl::Status& status) {
  auto payload = status.GetPayload(kRetryAfterPayload);
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}

}  // namespace literllm
