#include "providers/anthropic/anthropic_error.h"

#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "providers/http/http_status.h"
#include "providers/json/json_reader.h"
#include "providers/provider_errors.h"

namespace literllm {
namespace {

struct ErrorFields {
  std::string type;
  std::string message;
};

// The inner {"type","message"} of an error body or event; empty fields when
// the shape is not Anthropic's.
ErrorFields ReadErrorEnvelope(simdjson::dom::element element) {
  JsonObjectReader root(element);
  std::optional<simdjson::dom::element> error = root.Object("error");
  if (!error) return {};
  JsonObjectReader inner(*error);
  return {std::string(inner.String("type").value_or("")),
          std::string(inner.String("message").value_or(""))};
}

std::string Relayed(const ProviderConfig& config, const ErrorFields& fields) {
  std::string message = fields.message;
  if (!fields.type.empty())
    absl::StrAppend(&message, " (type: ", fields.type, ")");
  return ScrubKey(config, std::move(message));
}

}  // namespace

absl::StatusCode AnthropicErrorCode(absl::string_view type,
                                    absl::string_view message) {
  struct Rule {
    absl::string_view type;
    absl::StatusCode code;
  };
  static constexpr Rule kRules[] = {
      {"rate_limit_error", absl::StatusCode::kResourceExhausted},
      {"billing_error", absl::StatusCode::kResourceExhausted},
      {"invalid_request_error", absl::StatusCode::kInvalidArgument},
      {"request_too_large", absl::StatusCode::kInvalidArgument},
      {"authentication_error", absl::StatusCode::kUnauthenticated},
      {"permission_error", absl::StatusCode::kPermissionDenied},
      {"not_found_error", absl::StatusCode::kNotFound},
      {"timeout_error", absl::StatusCode::kDeadlineExceeded},
  };
  // Context overflow is the caller's to fix, whatever type carries it.
  if (absl::StrContains(message, "prompt is too long")) {
    return absl::StatusCode::kInvalidArgument;
  }
  for (const Rule& rule : kRules) {
    if (type == rule.type) return rule.code;
  }
  return absl::StatusCode::kUnavailable;  // overloaded_error, api_error, ...
}

absl::Status AnthropicHttpError(const ProviderConfig& config,
                                const HttpResponseHead& head,
                                absl::string_view body) {
  absl::StatusOr<simdjson::dom::element> root = ParseJson(body);
  ErrorFields fields = root.ok() ? ReadErrorEnvelope(*root) : ErrorFields{};
  std::string message =
      fields.message.empty()
          // Scrubbed before the cut, which could otherwise leave part of a key.
          ? ErrorBodyExcerpt(ScrubKey(config, std::string(body)))
          : Relayed(config, fields);
  absl::Status status = ProviderHttpError(config.name, head.status, message,
                                          head.Header("retry-after"));
  if (status.code() != absl::StatusCode::kUnknown) return status;
  absl::Status coded(AnthropicErrorCode(fields.type, fields.message),
                     status.message());
  status.ForEachPayload([&coded](absl::string_view url, const absl::Cord& p) {
    coded.SetPayload(url, p);
  });
  return coded;
}

absl::Status AnthropicStreamError(const ProviderConfig& config,
                                  simdjson::dom::element event) {
  ErrorFields fields = ReadErrorEnvelope(event);
  if (fields.message.empty()) fields.message = "error event in stream";
  return absl::Status(AnthropicErrorCode(fields.type, fields.message),
                      absl::StrCat(config.name, ": ", Relayed(config, fields)));
}

}  // namespace literllm
