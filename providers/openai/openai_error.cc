#include "providers/openai/openai_error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "providers/http/provider_failure.h"
#include "providers/json/json_reader.h"
#include "providers/provider_errors.h"

namespace literllm {
namespace {

struct ErrorFields {
  std::string message;
  std::string type;
  std::string code;                  // string codes and numeric ones alike
  std::optional<int64_t> http_code;  // some servers put the HTTP status here
};

ErrorFields MessageOnly(std::string message) {
  return {std::move(message), "", "", std::nullopt};
}

// Best effort: a member of an unexpected type reads as absent, and the caller
// falls back to relaying the body.
ErrorFields ReadErrorObject(simdjson::dom::element element) {
  JsonObjectReader error(element);
  ErrorFields fields;
  fields.message = std::string(error.String("message").value_or(""));
  fields.type = std::string(error.String("type").value_or(""));
  if (auto code = error.Find("code")) {
    if (code->is_string()) {
      fields.code = std::string(code->get_string().value_unsafe());
    } else if (code->is_int64()) {
      fields.http_code = code->get_int64().value_unsafe();
      fields.code = absl::StrCat(*fields.http_code);
    }
  }
  return fields;
}

// The error fields of a whole error body; an empty message when the body
// has none of the shapes we know.
ErrorFields ReadErrorBody(absl::string_view body) {
  absl::StatusOr<simdjson::dom::element> root = ParseJson(body);
  if (!root.ok() || !root->is_object()) return {};
  JsonObjectReader reader(*root);
  std::optional<simdjson::dom::element> error = reader.Find("error");
  if (!error) return ReadErrorObject(*root);  // vLLM: {"object":"error",...}
  if (error->is_string()) {
    return MessageOnly(std::string(error->get_string().value_unsafe()));
  }
  return ReadErrorObject(*error);
}

// The provider's message with its code.
std::string RelayedMessage(const ProviderConfig& config,
                           const ErrorFields& fields) {
  std::string message = fields.message;
  if (!fields.code.empty()) {
    absl::StrAppend(&message, " (code: ", fields.code, ")");
  }
  return ScrubKey(config, std::move(message));
}

// What an OpenAI-style error says beyond its HTTP status. The code is more
// specific than the type, so it is matched first: a 401 has type
// invalid_request_error but code invalid_api_key. Compatible servers (vLLM,
// Groq, Mistral, ...) often say "context" only in the message.
std::optional<FailureKind> KindOfFields(const ErrorFields& fields) {
  struct Rule {
    absl::string_view needle;
    FailureKind kind;
  };
  static constexpr Rule kRules[] = {
      {"insufficient_quota", FailureKind::kQuotaExhausted},
      {"billing", FailureKind::kQuotaExhausted},
      {"rate_limit", FailureKind::kRateLimited},
      {"context_length_exceeded", FailureKind::kContextLength},
      {"content_filter", FailureKind::kContentFiltered},
      {"content_policy_violation", FailureKind::kContentFiltered},
      {"invalid_api_key", FailureKind::kAuthentication},
      {"authentication", FailureKind::kAuthentication},
      {"model_not_found", FailureKind::kNotFound},
      {"server_error", FailureKind::kServerError},
      {"overloaded", FailureKind::kOverloaded},
      {"invalid_request_error", FailureKind::kBadRequest},
  };
  for (absl::string_view field : {fields.code, fields.type}) {
    for (const Rule& rule : kRules) {
      if (absl::StrContains(field, rule.needle)) return rule.kind;
    }
  }
  std::string message = absl::AsciiStrToLower(fields.message);
  for (absl::string_view marker :
       {"maximum context length", "context length", "context window",
        "prompt is too long", "too many tokens", "input token count"}) {
    if (absl::StrContains(message, marker)) return FailureKind::kContextLength;
  }
  return std::nullopt;
}

}  // namespace

absl::Status OpenAiHttpError(const ProviderConfig& config,
                             const HttpResponseHead& head,
                             absl::string_view body) {
  ErrorFields fields = ReadErrorBody(body);
  if (fields.message.empty()) {
    // Scrubbed before the cut, which could otherwise leave part of a key.
    fields = MessageOnly(ErrorBodyExcerpt(ScrubKey(config, std::string(body))));
  }
  absl::Status status = ProviderHttpError(config.name, head.status,
                                          RelayedMessage(config, fields),
                                          head.Header("retry-after"));
  // The HTTP status decides, except where the body says more about a 4xx:
  // a spent quota behind a 429, a context overflow or a filtered prompt
  // behind a 400.
  std::optional<FailureKind> refined = KindOfFields(fields);
  if (head.status >= 500 || !refined ||
      (*refined != FailureKind::kQuotaExhausted &&
       *refined != FailureKind::kContextLength &&
       *refined != FailureKind::kContentFiltered)) {
    return status;
  }
  return WithFailureKind(status, *refined);
}

absl::Status OpenAiStreamError(const ProviderConfig& config,
                               simdjson::dom::element error) {
  ErrorFields fields =
      error.is_string()
          ? MessageOnly(std::string(error.get_string().value_unsafe()))
          : ReadErrorObject(error);
  if (fields.message.empty()) fields.message = "error event in stream";
  FailureKind kind =
      KindOfFields(fields).value_or(InBandErrorKind(fields.http_code));
  return ProviderFailure(kind, config.name, RelayedMessage(config, fields));
}

}  // namespace literllm
