#include "providers/anthropic/anthropic_provider.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "providers/anthropic/anthropic_error.h"
#include "providers/anthropic/anthropic_request.h"
#include "providers/anthropic/anthropic_response.h"
#include "providers/anthropic/anthropic_stream_decoder.h"
#include "providers/json/json_reader.h"
#include "providers/provider_errors.h"

namespace literllm {
namespace {

// The API version every request is written against.
constexpr absl::string_view kAnthropicVersion = "2023-06-01";

int64_t UnixNow() { return absl::ToUnixSeconds(absl::Now()); }

// created_at is RFC 3339 ("2025-02-19T00:00:00Z"); 0 when unreadable.
int64_t UnixSeconds(absl::string_view rfc3339) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, rfc3339, &time, &error)) return 0;
  return absl::ToUnixSeconds(time);
}

absl::Status ReadModel(absl::string_view provider,
                       simdjson::dom::element element, v1::Model& out) {
  JsonObjectReader model(element);
  out.set_id(absl::StrCat(provider, "/", model.String("id").value_or("")));
  out.set_object("model");
  out.set_created(UnixSeconds(model.String("created_at").value_or("")));
  out.set_owned_by("anthropic");
  out.set_provider(std::string(provider));
  return model.status();
}

}  // namespace

AnthropicProvider::AnthropicProvider(ProviderConfig config, Clock clock)
    : config_(std::move(config)),
      clock_(clock ? std::move(clock) : Clock(&UnixNow)) {}

HttpHeaders AnthropicProvider::Headers(bool with_body) const {
  HttpHeaders headers = config_.headers;
  headers.emplace_back("x-api-key", config_.api_key);
  headers.emplace_back("anthropic-version", std::string(kAnthropicVersion));
  if (with_body) headers.emplace_back("content-type", "application/json");
  return headers;
}

absl::StatusOr<HttpRequest> AnthropicProvider::BuildChatRequest(
    const v1::ChatCompletionRequest& request, absl::string_view model,
    bool stream) const {
  absl::StatusOr<std::string> body =
      WriteAnthropicChatBody(request, model, stream);
  if (!body.ok()) {
    return NamedByProvider(config_.name, body.status());
  }
  return HttpRequest{absl::StrCat(config_.base_url, "/v1/messages"),
                     Headers(/*with_body=*/true), *std::move(body)};
}

absl::StatusOr<v1::ChatCompletionResponse> AnthropicProvider::ParseChatResponse(
    absl::string_view body) const {
  return ParseAnthropicChatResponse(config_.name, body, clock_());
}

std::unique_ptr<StreamDecoder> AnthropicProvider::NewStreamDecoder() const {
  return std::make_unique<AnthropicStreamDecoder>(config_, clock_());
}

absl::Status AnthropicProvider::ParseError(const HttpResponseHead& head,
                                           absl::string_view body) const {
  return AnthropicHttpError(config_, head, body);
}

void AnthropicProvider::AddCallerHeaders(
    const absl::flat_hash_map<std::string, std::string>& metadata,
    HttpRequest& request) const {
  for (absl::string_view name : {"anthropic-version", "anthropic-beta"}) {
    auto caller = metadata.find(name);
    if (caller == metadata.end()) continue;
    auto ours = std::find_if(
        request.headers.begin(), request.headers.end(),
        [name](const auto& header) { return header.first == name; });
    if (ours != request.headers.end()) {
      ours->second = caller->second;
    } else {
      request.headers.emplace_back(std::string(name), caller->second);
    }
  }
}

absl::StatusOr<HttpRequest> AnthropicProvider::BuildCountTokensRequest(
    const v1::ChatCompletionRequest& request, absl::string_view model) const {
  absl::StatusOr<std::string> body =
      WriteAnthropicCountTokensBody(request, model);
  if (!body.ok()) return NamedByProvider(config_.name, body.status());
  return HttpRequest{
      absl::StrCat(config_.base_url, "/v1/messages/count_tokens"),
      Headers(/*with_body=*/true), *std::move(body)};
}

absl::StatusOr<int64_t> AnthropicProvider::ParseCountTokens(
    absl::string_view body) const {
  return ParseJsonBody<int64_t>(
      config_.name, "token count", body,
      [](simdjson::dom::element root, int64_t& count) {
        JsonObjectReader reader(root);
        std::optional<int64_t> tokens = reader.Int64("input_tokens");
        if (!tokens && reader.status().ok()) {
          return absl::InvalidArgumentError("no \"input_tokens\"");
        }
        count = tokens.value_or(0);
        return reader.status();
      });
}

absl::StatusOr<HttpRequest> AnthropicProvider::BuildListModelsRequest() const {
  return HttpRequest{absl::StrCat(config_.base_url, "/v1/models?limit=1000"),
                     Headers(/*with_body=*/false), ""};
}

absl::StatusOr<std::vector<v1::Model>> AnthropicProvider::ParseListModels(
    absl::string_view body) const {
  return ParseJsonBody<std::vector<v1::Model>>(
      config_.name, "model list", body,
      [this](simdjson::dom::element root, std::vector<v1::Model>& models) {
        return ReadEach(root, "data", models,
                        [this](simdjson::dom::element model, v1::Model& out) {
                          return ReadModel(config_.name, model, out);
                        });
      });
}

}  // namespace literllm
