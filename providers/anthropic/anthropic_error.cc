#include "providers/anthropic/anthropic_error.h"

#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "providers/http/provider_failure.h"
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

FailureKind AnthropicErrorKind(absl::string_view type,
                               absl::string_view message) {
  struct Rule {
    absl::string_view type;
    FailureKind kind;
  };
  static constexpr Rule kRules[] = {
      {"rate_limit_error", FailureKind::kRateLimited},
      {"billing_error", FailureKind::kQuotaExhausted},
      {"invalid_request_error", FailureKind::kBadRequest},
      {"request_too_large", FailureKind::kBadRequest},
      {"authentication_error", FailureKind::kAuthentication},
      {"permission_error", FailureKind::kPermission},
      {"not_found_error", FailureKind::kNotFound},
      {"timeout_error", FailureKind::kTimeout},
      {"overloaded_error", FailureKind::kOverloaded},
  };
  // Anthropic says a prompt overflows the context only in the message.
  if (absl::StrContains(message, "prompt is too long")) {
    return FailureKind::kContextLength;
  }
  for (const Rule& rule : kRules) {
    if (type == rule.type) return rule.kind;
  }
  return FailureKind::kServerError;  // api_error, unknown types
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
  FailureKind by_status = FailureKindOf(status);
  FailureKind by_body = AnthropicErrorKind(fields.type, fields.message);
  // The HTTP status decides, except where the body says more: a context
  // overflow behind a 400, and a status with no meaning of its own (402).
  if (by_status == FailureKind::kUnknown ||
      (by_status == FailureKind::kBadRequest &&
       by_body == FailureKind::kContextLength)) {
    return WithFailureKind(status, by_body);
  }
  return status;
}

absl::Status AnthropicStreamError(const ProviderConfig& config,
                                  simdjson::dom::element event) {
  ErrorFields fields = ReadErrorEnvelope(event);
  if (fields.message.empty()) fields.message = "error event in stream";
  return ProviderFailure(AnthropicErrorKind(fields.type, fields.message),
                         config.name, Relayed(config, fields));
}

}  // namespace literllm
