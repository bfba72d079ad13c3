#include "providers/gemini/gemini_error.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "providers/http/provider_failure.h"
#include "providers/json/json_reader.h"
#include "providers/provider_errors.h"

namespace literllm {
namespace {

// Shorter "keys" are test placeholders; scrubbing them would blank words.

struct ErrorFields {
  std::string message;
  std::string status;       // google.rpc code name, e.g. RESOURCE_EXHAUSTED
  std::string reason;       // the first ErrorInfo reason, e.g. API_KEY_INVALID
  std::string retry_delay;  // RetryInfo.retryDelay in whole seconds
  std::optional<int64_t> code;
};

// "37s" or "1.5s" (a google.protobuf.Duration) as whole seconds, rounded up.
std::string WholeSeconds(absl::string_view duration) {
  double seconds;
  if (!absl::ConsumeSuffix(&duration, "s") ||
      !absl::SimpleAtod(duration, &seconds) || seconds < 0) {
    return "";
  }
  return absl::StrCat(static_cast<int64_t>(std::ceil(seconds)));
}

void ReadDetail(simdjson::dom::element element, ErrorFields& out) {
  JsonObjectReader detail(element);
  if (auto reason = detail.String("reason"); reason && out.reason.empty()) {
    out.reason = std::string(*reason);
  }
  if (auto delay = detail.String("retryDelay")) {
    out.retry_delay = WholeSeconds(*delay);
  }
}

// Best effort: what does not fit the shape reads as absent.
ErrorFields ReadErrorObject(simdjson::dom::element element) {
  JsonObjectReader error(element);
  ErrorFields fields;
  fields.message = std::string(error.String("message").value_or(""));
  fields.status = std::string(error.String("status").value_or(""));
  fields.code = error.Int64("code");
  if (auto details = error.Array("details")) {
    for (simdjson::dom::element detail : *details) ReadDetail(detail, fields);
  }
  return fields;
}

ErrorFields ReadErrorBody(absl::string_view body) {
  absl::StatusOr<simdjson::dom::element> root = ParseJson(body);
  if (!root.ok()) return {};
  JsonObjectReader reader(*root);
  std::optional<simdjson::dom::element> error = reader.Object("error");
  return error ? ReadErrorObject(*error) : ErrorFields{};
}

std::string RelayedMessage(const ProviderConfig& config,
                           const ErrorFields& fields) {
  std::string message = fields.message;
  if (!fields.status.empty()) {
    absl::StrAppend(&message, " (", fields.status,
                    fields.reason.empty() ? "" : ": ", fields.reason, ")");
  }
  return ScrubKey(config, std::move(message));
}

// Where Gemini's error says more than the HTTP status does.
std::optional<FailureKind> KindOverride(const ErrorFields& fields) {
  if (fields.reason == "API_KEY_INVALID") return FailureKind::kAuthentication;
  if (fields.status == "FAILED_PRECONDITION") return FailureKind::kPrecondition;
  // Gemini says a prompt overflows the context only in the message.
  if (fields.status == "INVALID_ARGUMENT" &&
      absl::StrContains(fields.message, "input token count")) {
    return FailureKind::kContextLength;
  }
  return std::nullopt;
}

}  // namespace

absl::Status GeminiHttpError(const ProviderConfig& config,
                             const HttpResponseHead& head,
                             absl::string_view body) {
  ErrorFields fields = ReadErrorBody(body);
  if (fields.message.empty()) {
    // Redacted before the cut, which could otherwise leave part of a key.
    fields.message = ErrorBodyExcerpt(ScrubKey(config, std::string(body)));
  }
  absl::string_view retry_after = head.Header("retry-after");
  if (retry_after.empty()) retry_after = fields.retry_delay;
  absl::Status status = ProviderHttpError(
      config.name, head.status, RelayedMessage(config, fields), retry_after);
  std::optional<FailureKind> kind = KindOverride(fields);
  return kind ? WithFailureKind(status, *kind) : status;
}

absl::Status GeminiStreamError(const ProviderConfig& config,
                               simdjson::dom::element error) {
  ErrorFields fields = ReadErrorObject(error);
  if (fields.message.empty()) fields.message = "error event in stream";
  return ProviderFailure(
      KindOverride(fields).value_or(InBandErrorKind(fields.code)), config.name,
      RelayedMessage(config, fields));
}

}  // namespace literllm
