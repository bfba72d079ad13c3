#include "service/http/anthropic_errors.h"

#include "providers/http/provider_failure.h"
#include "providers/json/json_writer.h"

namespace literllm {

AnthropicError AnthropicErrorFor(const absl::Status& status) {
  std::optional<std::string> retry_after = RetryAfter(status);
  switch (FailureKindOf(status)) {
    case FailureKind::kRateLimited:
      return {429, "rate_limit_error", retry_after};
    case FailureKind::kQuotaExhausted:
      return {402, "billing_error", retry_after};
    case FailureKind::kOverloaded:
      return {529, "overloaded_error", retry_after};
    case FailureKind::kTimeout:
      return {504, "timeout_error", std::nullopt};
    case FailureKind::kAuthentication:
      return {401, "authentication_error", std::nullopt};
    case FailureKind::kPermission:
      return {403, "permission_error", std::nullopt};
    case FailureKind::kBadRequest:
    case FailureKind::kPrecondition:
    case FailureKind::kContextLength:
    case FailureKind::kContentFiltered:
      return {400, "invalid_request_error", std::nullopt};
    case FailureKind::kNotFound:
      return {404, "not_found_error", std::nullopt};
    case FailureKind::kCancelled:
      return {499, "api_error", std::nullopt};
    case FailureKind::kServerError:
    case FailureKind::kNetwork:
    case FailureKind::kMalformedAnswer:
    case FailureKind::kUnknown:
      break;
  }
  return {500, "api_error", retry_after};
}

std::string AnthropicErrorJson(absl::string_view type,
                               absl::string_view message) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteStringMember("type", "error", w);
  WriteKey("error", w);
  w.StartObject();
  WriteStringMember("type", type, w);
  WriteStringMember("message", message, w);
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace literllm
