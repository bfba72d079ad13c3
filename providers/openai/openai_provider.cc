#include "providers/openai/openai_provider.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "providers/json/json_reader.h"
#include "providers/openai/openai_error.h"
#include "providers/openai/openai_request.h"
#include "providers/openai/openai_response.h"
#include "providers/openai/openai_stream_decoder.h"
#include "providers/provider_errors.h"

namespace literllm {
namespace {

absl::Status ReadModel(absl::string_view provider,
                       simdjson::dom::element element, v1::Model& out) {
  JsonObjectReader model(element);
  out.set_id(absl::StrCat(provider, "/", model.String("id").value_or("")));
  out.set_object("model");
  out.set_created(model.Int64("created").value_or(0));
  out.set_owned_by(std::string(model.String("owned_by").value_or("")));
  out.set_provider(std::string(provider));
  return model.status();
}

}  // namespace

OpenAiProvider::OpenAiProvider(ProviderConfig config, OpenAiDialect dialect)
    : config_(std::move(config)), dialect_(std::move(dialect)) {}

HttpHeaders OpenAiProvider::Headers(bool with_body) const {
  HttpHeaders headers = config_.headers;
  if (!config_.api_key.empty()) {
    if (dialect_.endpoint == OpenAiDialect::Endpoint::kAzureDeployment) {
      headers.emplace_back("api-key", config_.api_key);
    } else {
      headers.emplace_back("Authorization",
                           absl::StrCat("Bearer ", config_.api_key));
    }
  }
  if (with_body) headers.emplace_back("Content-Type", "application/json");
  return headers;
}

absl::StatusOr<std::string> OpenAiProvider::ChatUrl(
    absl::string_view model) const {
  if (dialect_.endpoint != OpenAiDialect::Endpoint::kAzureDeployment) {
    return absl::StrCat(config_.base_url, "/chat/completions");
  }
  // The deployment becomes a path segment: only the characters Azure allows
  // in deployment names, so nothing needs escaping.
  for (char c : model) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_' && c != '.') {
      return absl::InvalidArgumentError(
          absl::StrCat(config_.name, ": model: deployment name '", model,
                       "' may hold only letters, digits, '-', '_' and '.'"));
    }
  }
  return absl::StrCat(config_.base_url, "/openai/deployments/", model,
                      "/chat/completions?api-version=", dialect_.api_version);
}

absl::StatusOr<HttpRequest> OpenAiProvider::BuildChatRequest(
    const v1::ChatCompletionRequest& request, absl::string_view model,
    bool stream) const {
  absl::StatusOr<std::string> url = ChatUrl(model);
  if (!url.ok()) return url.status();
  absl::StatusOr<std::string> body =
      WriteOpenAiChatBody(request, model, stream, dialect_);
  if (!body.ok()) {
    return NamedByProvider(config_.name, body.status());
  }
  return HttpRequest{*std::move(url), Headers(/*with_body=*/true),
                     *std::move(body)};
}

absl::StatusOr<v1::ChatCompletionResponse> OpenAiProvider::ParseChatResponse(
    absl::string_view body) const {
  return ParseOpenAiChatResponse(config_.name, body);
}

std::unique_ptr<StreamDecoder> OpenAiProvider::NewStreamDecoder() const {
  return std::make_unique<OpenAiStreamDecoder>(config_, dialect_);
}

absl::Status OpenAiProvider::ParseError(const HttpResponseHead& head,
                                        absl::string_view body) const {
  return OpenAiHttpError(config_, head, body);
}

absl::StatusOr<HttpRequest> OpenAiProvider::BuildListModelsRequest() const {
  return HttpRequest{absl::StrCat(config_.base_url, "/models"),
                     Headers(/*with_body=*/false), ""};
}

absl::StatusOr<std::vector<v1::Model>> OpenAiProvider::ParseListModels(
    absl::string_view body) const {
  return ParseJsonBody<std::vector<v1::Model>>(
      config_.name, "model list", body,
      [this](simdjson::dom::element root, std::vector<v1::Model>& models) {
        auto read = [this](simdjson::dom::element model, v1::Model& out) {
          return ReadModel(config_.name, model, out);
        };
        // Together answers with a bare array rather than {"data": [...]}.
        if (root.is_array()) {
          return ReadEach(root.get_array().value_unsafe(), models, read);
        }
        return ReadEach(root, "data", models, read);
      });
}

}  // namespace literllm
