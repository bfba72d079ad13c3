#include "providers/gemini/gemini_provider.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "providers/gemini/gemini_error.h"
#include "providers/gemini/gemini_request.h"
#include "providers/gemini/gemini_response.h"
#include "providers/gemini/gemini_stream_decoder.h"
#include "providers/json/json_reader.h"
#include "providers/provider_errors.h"

namespace literllm {
namespace {

constexpr absl::string_view kApiVersion = "v1beta";

bool IsModelIdChar(char c) {
  return absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_';
}

// "models/<id>", or "tunedModels/<id>" for a tuned model. The id is checked
// because it lands in a URL path, where "?", "#" or "/" would change it.
absl::StatusOr<std::string> ModelPath(absl::string_view model) {
  absl::string_view collection = "models/";
  absl::string_view id = model;
  if (absl::ConsumePrefix(&id, "tunedModels/")) {
    collection = "tunedModels/";
  } else {
    absl::ConsumePrefix(&id, "models/");
  }
  if (id.empty() || !absl::c_all_of(id, IsModelIdChar)) {
    return absl::InvalidArgumentError(
        absl::StrCat("model: '", model,
                     "' is not a Gemini model name (letters, digits, "
                     "'-', '.', '_')"));
  }
  return absl::StrCat(collection, id);
}

bool SupportsGenerateContent(JsonObjectReader& model) {
  std::optional<simdjson::dom::array> methods =
      model.Array("supportedGenerationMethods");
  if (!methods) return false;
  for (simdjson::dom::element method : *methods) {
    if (method.is_string() && method.get_string().value_unsafe() ==
                                  std::string_view("generateContent")) {
      return true;
    }
  }
  return false;
}

absl::Status ReadModelList(absl::string_view provider,
                           simdjson::dom::element element,
                           std::vector<v1::Model>& out) {
  JsonObjectReader root(element);
  std::optional<simdjson::dom::array> models = root.Array("models");
  if (!models) {
    // An account without models answers {}; only a wrong type is an error.
    return root.status();
  }
  for (simdjson::dom::element entry : *models) {
    JsonObjectReader model(entry);
    absl::string_view name = model.String("name").value_or("");
    absl::ConsumePrefix(&name, "models/");
    if (!name.empty() && SupportsGenerateContent(model)) {
      v1::Model& listed = out.emplace_back();
      listed.set_id(absl::StrCat(provider, "/", name));
      listed.set_object("model");
      listed.set_owned_by("google");
      listed.set_provider(std::string(provider));
    }
    root.Update(model.status());
  }
  return root.status();
}

}  // namespace

GeminiProvider::GeminiProvider(ProviderConfig config, Clock clock)
    : config_(std::move(config)), clock_(std::move(clock)) {}

int64_t GeminiProvider::SystemClock() {
  return absl::ToUnixSeconds(absl::Now());
}

HttpHeaders GeminiProvider::Headers(bool with_body) const {
  HttpHeaders headers = config_.headers;
  headers.emplace_back("x-goog-api-key", config_.api_key);
  if (with_body) headers.emplace_back("Content-Type", "application/json");
  return headers;
}

absl::StatusOr<HttpRequest> GeminiProvider::BuildChatRequest(
    const v1::ChatCompletionRequest& request, absl::string_view model,
    bool stream) const {
  absl::StatusOr<std::string> path = ModelPath(model);
  absl::StatusOr<std::string> body =
      path.ok() ? WriteGeminiBody(request, model) : path.status();
  if (!body.ok()) {
    return NamedByProvider(config_.name, body.status());
  }
  absl::string_view method =
      stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
  return HttpRequest{
      absl::StrCat(config_.base_url, "/", kApiVersion, "/", *path, method),
      Headers(/*with_body=*/true), *std::move(body)};
}

absl::StatusOr<HttpRequest> GeminiProvider::BuildCountTokensRequest(
    const v1::ChatCompletionRequest& request, absl::string_view model) const {
  absl::StatusOr<std::string> path = ModelPath(model);
  absl::StatusOr<std::string> body =
      path.ok() ? WriteGeminiBody(request, model) : path.status();
  if (!body.ok()) return NamedByProvider(config_.name, body.status());
  // countTokens takes the generateContent body whole, with its model named.
  absl::string_view members = absl::StripPrefix(*body, "{");
  return HttpRequest{
      absl::StrCat(config_.base_url, "/", kApiVersion, "/", *path,
                   ":countTokens"),
      Headers(/*with_body=*/true),
      absl::StrCat(R"({"generateContentRequest":{"model":")", *path, "\"",
                   members == "}" ? "" : ",", members, "}")};
}

absl::StatusOr<int64_t> GeminiProvider::ParseCountTokens(
    absl::string_view body) const {
  return ParseJsonBody<int64_t>(
      config_.name, "token count", body,
      [](simdjson::dom::element root, int64_t& count) {
        JsonObjectReader reader(root);
        // An empty prompt counts as {} (no totalTokens).
        count = reader.Int64("totalTokens").value_or(0);
        return reader.status();
      });
}

absl::StatusOr<v1::ChatCompletionResponse> GeminiProvider::ParseChatResponse(
    absl::string_view body) const {
  return ParseGeminiChatResponse(config_.name, body, clock_());
}

std::unique_ptr<StreamDecoder> GeminiProvider::NewStreamDecoder() const {
  return std::make_unique<GeminiStreamDecoder>(config_, clock_());
}

absl::Status GeminiProvider::ParseError(const HttpResponseHead& head,
                                        absl::string_view body) const {
  return GeminiHttpError(config_, head, body);
}

absl::StatusOr<HttpRequest> GeminiProvider::BuildListModelsRequest() const {
  return HttpRequest{
      absl::StrCat(config_.base_url, "/", kApiVersion, "/models?pageSize=1000"),
      Headers(/*with_body=*/false), ""};
}

absl::StatusOr<std::vector<v1::Model>> GeminiProvider::ParseListModels(
    absl::string_view body) const {
  return ParseJsonBody<std::vector<v1::Model>>(
      config_.name, "model list", body,
      [this](simdjson::dom::element root, std::vector<v1::Model>& models) {
        return ReadModelList(config_.name, root, models);
      });
}

}  // namespace literllm
