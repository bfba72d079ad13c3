#include "service/http/openai_errors.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "providers/http/provider_failure.h"
#include "providers/openai/openai_dialect.h"

namespace literllm {
namespace {

// "messages[2].role" from "messages[2].role: unknown role 'bot'", when the
// path starts with a request member (provider messages start with the
// provider's name instead).
std::string ParamOf(absl::string_view message) {
  // OpenAI's sampling and tool parameters, and the rest of the body.
  static const auto* const kMembers = [] {
    const std::vector<absl::string_view>& params = OpenAiDialect::KnownParams();
    auto* members = new absl::flat_hash_set<absl::string_view>(params.begin(),
                                                               params.end());
    members->insert({"model", "messages", "stream", "stream_options",
                     "fallbacks", "max_retries", "attempt_timeout"});
    return members;
  }();
  size_t colon = message.find(": ");
  if (colon == absl::string_view::npos) return "";
  absl::string_view path = message.substr(0, colon);
  size_t end = path.find_first_of(".[");
  if (!kMembers->contains(path.substr(0, end))) return "";
  for (char c : path) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) &&
        absl::string_view("_.[]").find(c) == absl::string_view::npos) {
      return "";
    }
  }
  return std::string(path);
}

}  // namespace

OpenAiError OpenAiErrorFor(const absl::Status& status) {
  OpenAiError error{500, "api_error", "", "", RetryAfter(status)};
  switch (FailureKindOf(status)) {
    case FailureKind::kRateLimited:
      error = {429, "rate_limit_error", "rate_limit_exceeded", "",
               error.retry_after};
      break;
    case FailureKind::kQuotaExhausted:
      error = {429, "insufficient_quota", "insufficient_quota", "",
               error.retry_after};
      break;
    case FailureKind::kOverloaded:
      error = {503, "api_error", "overloaded", "", error.retry_after};
      break;
    case FailureKind::kServerError:
    case FailureKind::kNetwork:
      error = {502, "api_error", "upstream_unavailable", "", error.retry_after};
      break;
    case FailureKind::kTimeout:
      error = {504, "timeout", "timeout", "", std::nullopt};
      break;
    case FailureKind::kAuthentication:
      error = {401, "authentication_error", "invalid_api_key", "",
               std::nullopt};
      break;
    case FailureKind::kPermission:
      error = {403, "permission_error", "", "", std::nullopt};
      break;
    case FailureKind::kBadRequest:
    case FailureKind::kPrecondition:
      error = {400, "invalid_request_error", "", ParamOf(status.message()),
               std::nullopt};
      break;
    case FailureKind::kContextLength:
      error = {400, "invalid_request_error", "context_length_exceeded",
               "messages", std::nullopt};
      break;
    case FailureKind::kContentFiltered:
      error = {400, "invalid_request_error", "content_filter", "",
               std::nullopt};
      break;
    case FailureKind::kNotFound:
      error = {404, "invalid_request_error", "not_found", "", std::nullopt};
      break;
    case FailureKind::kCancelled:
      error = {499, "api_error", "cancelled", "", std::nullopt};
      break;
    case FailureKind::kMalformedAnswer:
    case FailureKind::kUnknown:
      break;
  }
  return error;
}

}  // namespace literllm
