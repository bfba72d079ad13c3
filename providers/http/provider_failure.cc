#include "providers/http/provider_failure.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

constexpr absl::string_view kKindPayload = "literllm/failure-kind";
constexpr absl::string_view kRetryAfterPayload = "literllm/retry-after";

struct KindInfo {
  FailureKind kind;
  absl::string_view name;
  absl::StatusCode code;
};

constexpr KindInfo kKinds[] = {
    {FailureKind::kRateLimited, "rate_limited",
     absl::StatusCode::kResourceExhausted},
    {FailureKind::kQuotaExhausted, "quota_exhausted",
     absl::StatusCode::kResourceExhausted},
    {FailureKind::kOverloaded, "overloaded", absl::StatusCode::kUnavailable},
    {FailureKind::kServerError, "server_error", absl::StatusCode::kUnavailable},
    {FailureKind::kTimeout, "timeout", absl::StatusCode::kDeadlineExceeded},
    {FailureKind::kNetwork, "network", absl::StatusCode::kUnavailable},
    {FailureKind::kAuthentication, "authentication",
     absl::StatusCode::kUnauthenticated},
    {FailureKind::kPermission, "permission",
     absl::StatusCode::kPermissionDenied},
    {FailureKind::kBadRequest, "bad_request",
     absl::StatusCode::kInvalidArgument},
    {FailureKind::kContextLength, "context_length",
     absl::StatusCode::kInvalidArgument},
    {FailureKind::kContentFiltered, "content_filtered",
     absl::StatusCode::kInvalidArgument},
    {FailureKind::kPrecondition, "precondition",
     absl::StatusCode::kFailedPrecondition},
    {FailureKind::kNotFound, "not_found", absl::StatusCode::kNotFound},
    {FailureKind::kMalformedAnswer, "malformed_answer",
     absl::StatusCode::kInternal},
    {FailureKind::kCancelled, "cancelled", absl::StatusCode::kCancelled},
    {FailureKind::kUnknown, "unknown", absl::StatusCode::kUnknown},
};

const KindInfo& Info(FailureKind kind) {
  return kKinds[static_cast<int>(kind)];
}

}  // namespace

absl::string_view FailureKindName(FailureKind kind) { return Info(kind).name; }

absl::StatusCode FailureCode(FailureKind kind) { return Info(kind).code; }

FailureKind HttpStatusKind(int http_status) {
  switch (http_status) {
    case 400:
    case 413:
    case 422:
      return FailureKind::kBadRequest;
    case 401:
      return FailureKind::kAuthentication;
    case 403:
      return FailureKind::kPermission;
    case 404:
      return FailureKind::kNotFound;
    case 408:
      return FailureKind::kTimeout;
    case 429:
      return FailureKind::kRateLimited;
    case 529:
      return FailureKind::kOverloaded;
    default:
      break;
  }
  if (http_status >= 500 && http_status <= 599) {
    return FailureKind::kServerError;
  }
  return FailureKind::kUnknown;
}

FailureKind InBandErrorKind(std::optional<int64_t> http_code) {
  if (!http_code) return FailureKind::kServerError;
  FailureKind kind = HttpStatusKind(static_cast<int>(*http_code));
  return kind == FailureKind::kUnknown ? FailureKind::kServerError : kind;
}

absl::Status WithFailureKind(const absl::Status& status, FailureKind kind) {
  absl::Status typed(FailureCode(kind), status.message());
  status.ForEachPayload([&typed](absl::string_view url, const absl::Cord& p) {
    typed.SetPayload(url, p);
  });
  typed.SetPayload(kKindPayload, absl::Cord(FailureKindName(kind)));
  return typed;
}

absl::Status ProviderFailure(FailureKind kind, absl::string_view provider,
                             absl::string_view message,
                             absl::string_view retry_after) {
  absl::Status status = WithFailureKind(
      absl::UnknownError(absl::StrCat(provider, ": ", message)), kind);
  if (!retry_after.empty()) SetRetryAfter(status, retry_after);
  return status;
}

absl::Status ProviderHttpError(absl::string_view provider, int http_status,
                               absl::string_view message,
                               absl::string_view retry_after) {
  return ProviderFailure(HttpStatusKind(http_status), provider,
                         absl::StrCat(message, " (HTTP ", http_status, ")"),
                         retry_after);
}

std::optional<FailureKind> CarriedFailureKind(const absl::Status& status) {
  if (auto name = status.GetPayload(kKindPayload)) {
    for (const KindInfo& info : kKinds) {
      if (*name == info.name) return info.kind;
    }
  }
  return std::nullopt;
}

FailureKind FailureKindOf(const absl::Status& status) {
  if (std::optional<FailureKind> carried = CarriedFailureKind(status)) {
    return *carried;
  }
  switch (status.code()) {
    case absl::StatusCode::kResourceExhausted:
      return FailureKind::kRateLimited;
    case absl::StatusCode::kUnavailable:
      return FailureKind::kNetwork;
    case absl::StatusCode::kDeadlineExceeded:
      return FailureKind::kTimeout;
    case absl::StatusCode::kUnauthenticated:
      return FailureKind::kAuthentication;
    case absl::StatusCode::kPermissionDenied:
      return FailureKind::kPermission;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return FailureKind::kBadRequest;
    case absl::StatusCode::kFailedPrecondition:
      return FailureKind::kPrecondition;
    case absl::StatusCode::kNotFound:
      return FailureKind::kNotFound;
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kDataLoss:
      return FailureKind::kMalformedAnswer;
    case absl::StatusCode::kCancelled:
      return FailureKind::kCancelled;
    default:
      return FailureKind::kUnknown;
  }
}

bool IsRetryable(FailureKind kind) {
  switch (kind) {
    case FailureKind::kRateLimited:
    case FailureKind::kOverloaded:
    case FailureKind::kServerError:
    case FailureKind::kTimeout:
    case FailureKind::kNetwork:
      return true;
    default:
      return false;
  }
}

bool IsFallbackWorthy(FailureKind kind) {
  return IsRetryable(kind) || kind == FailureKind::kQuotaExhausted;
}

bool IsProviderFault(FailureKind kind) {
  return IsRetryable(kind) || kind == FailureKind::kMalformedAnswer;
}

std::optional<std::string> RetryAfter(const absl::Status& status) {
  auto payload = status.GetPayload(kRetryAfterPayload);
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}

void SetRetryAfter(absl::Status& status, absl::string_view retry_after) {
  status.SetPayload(kRetryAfterPayload, absl::Cord(retry_after));
}

}  // namespace literllm
