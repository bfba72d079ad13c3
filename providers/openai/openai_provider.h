#ifndef LITERLLM_PROVIDERS_OPENAI_OPENAI_PROVIDER_H_
#define LITERLLM_PROVIDERS_OPENAI_OPENAI_PROVIDER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/http_request.h"
#include "providers/openai/openai_dialect.h"
#include "providers/provider.h"

namespace literllm {

// OpenAI's Chat Completions API
// (https://platform.openai.com/docs/api-reference/chat), which is also the wire
// format of many "OpenAI-compatible" servers (Groq, Mistral, DeepSeek, Azure,
// Ollama, vLLM...): each is this codec with its own ProviderConfig (name, key,
// base URL) and OpenAiDialect (its quirks). Statuses and chunks name
// config().name, not "openai".
//
// This is the example to copy for a new provider: the class only routes;
// the body writer, the response and error parsers and the stream decoder
// live in their own files, each tested against testdata/ golden files.
class OpenAiProvider final : public Provider,
                             public ChatCodec,
                             public ModelListCodec {
 public:
  // `config.base_url` includes the API version, e.g. https://api.openai.com/v1
  // (for Azure: the resource endpoint). The default dialect is OpenAI's own.
  explicit OpenAiProvider(
      ProviderConfig config,
      OpenAiDialect dialect = OpenAiDialect().DeveloperRole());

  const ProviderConfig& config() const override { return config_; }
  const ChatCodec* chat() const override { return this; }
  // None where the dialect has no listing endpoint.
  const ModelListCodec* model_list() const override {
    return dialect_.model_listing ? this : nullptr;
  }

  // POST {base_url}/chat/completions with a Bearer key (none when the key
  // is empty, as local servers need none), or Azure's deployment URL.
  absl::StatusOr<HttpRequest> BuildChatRequest(
      const v1::ChatCompletionRequest& request, absl::string_view model,
      bool stream) const override;
  absl::StatusOr<v1::ChatCompletionResponse> ParseChatResponse(
      absl::string_view body) const override;
  std::unique_ptr<StreamDecoder> NewStreamDecoder() const override;
  absl::Status ParseError(const HttpResponseHead& head,
                          absl::string_view body) const override;

  // GET {base_url}/models; model ids come back as "<provider>/<id>".
  absl::StatusOr<HttpRequest> BuildListModelsRequest() const override;
  absl::StatusOr<std::vector<v1::Model>> ParseListModels(
      absl::string_view body) const override;

 private:
  HttpHeaders Headers(bool with_body) const;
  absl::StatusOr<std::string> ChatUrl(absl::string_view model) const;

  const ProviderConfig config_;
  const OpenAiDialect dialect_;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_OPENAI_OPENAI_PROVIDER_H_
