#include "providers/openai/openai_error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "providers/http/http_status.h"
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

absl::StatusCode StreamErrorCode(const ErrorFields& fields) {
  struct Rule {
    absl::string_view needle;
    absl::StatusCode code;
  };
  // The code is more specific than the type, so it is matched first: a 401
  // has type invalid_request_error but code invalid_api_key.
  static constexpr Rule kRules[] = {
      {"rate_limit", absl::StatusCode::kResourceExhausted},
      {"insufficient_quota", absl::StatusCode::kResourceExhausted},
      {"context_length_exceeded", absl::StatusCode::kInvalidArgument},
      {"invalid_api_key", absl::StatusCode::kUnauthenticated},
      {"authentication", absl::StatusCode::kUnauthenticated},
      {"invalid_request_error", absl::StatusCode::kInvalidArgument},
  };
  for (absl::string_view field : {fields.code, fields.type}) {
    for (const Rule& rule : kRules) {
      if (absl::StrContains(field, rule.needle)) return rule.code;
    }
  }
  if (fields.http_code) {
    absl::StatusCode code =
        HttpStatusToCode(static_cast<int>(*fields.http_code));
    if (code != absl::StatusCode::kUnknown) return code;
  }
  return absl::StatusCode::kUnavailable;
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
  return ProviderHttpError(config.name, head.status,
                           RelayedMessage(config, fields),
                           head.Header("retry-after"));
}

absl::Status OpenAiStreamError(const ProviderConfig& config,
                               simdjson::dom::element error) {
  ErrorFields fields =
      error.is_string()
          ? MessageOnly(std::string(error.get_string().value_unsafe()))
          : ReadErrorObject(error);
  if (fields.message.empty()) fields.message = "error event in stream";
  return absl::Status(
      StreamErrorCode(fields),
      absl::StrCat(config.name, ": ", RelayedMessage(config, fields)));
}

}  // namespace literllm
