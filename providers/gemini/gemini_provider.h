#ifndef LITERLLM_PROVIDERS_GEMINI_GEMINI_PROVIDER_H_
#define LITERLLM_PROVIDERS_GEMINI_GEMINI_PROVIDER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/http_request.h"
#include "providers/provider.h"

namespace literllm {

// Google's Gemini API (generateContent,
// https://ai.google.dev/api/generate-content), translated both ways; the
// choices made where OpenAI and Gemini differ are listed in README.md beside
// this file. The class only routes: the conversation rewrite, body writers,
// response and error parsers and the stream decoder live in their own files.
class GeminiProvider final : public Provider,
                             public ChatCodec,
                             public ModelListCodec,
                             public TokenCountCodec {
 public:
  // Unix seconds for `created`, which Gemini does not send.
  using Clock = std::function<int64_t()>;

  // `config.base_url` is the host root, e.g.
  // https://generativelanguage.googleapis.com; the key goes in the
  // x-goog-api-key header, never in a URL.
  explicit GeminiProvider(ProviderConfig config, Clock clock = SystemClock);

  const ProviderConfig& config() const override { return config_; }
  const ChatCodec* chat() const override { return this; }
  const ModelListCodec* model_list() const override { return this; }
  const TokenCountCodec* token_count() const override { return this; }

  // POST {base}/v1beta/models/{model}:generateContent, or
  // :streamGenerateContent?alt=sse (Gemini always reports usage in streams).
  // INVALID_ARGUMENT for a model name that does not fit in the URL path.
  absl::StatusOr<HttpRequest> BuildChatRequest(
      const v1::ChatCompletionRequest& request, absl::string_view model,
      bool stream) const override;
  absl::StatusOr<v1::ChatCompletionResponse> ParseChatResponse(
      absl::string_view body) const override;
  std::unique_ptr<StreamDecoder> NewStreamDecoder() const override;
  absl::Status ParseError(const HttpResponseHead& head,
                          absl::string_view body) const override;

  // GET {base}/v1beta/models?pageSize=1000 (one page holds every model; a
  // nextPageToken is not followed). Only models that support generateContent
  // are listed, as "<provider>/<name without models/>".
  absl::StatusOr<HttpRequest> BuildListModelsRequest() const override;
  absl::StatusOr<std::vector<v1::Model>> ParseListModels(
      absl::string_view body) const override;

  // POST {base}/v1beta/models/{model}:countTokens with the whole
  // generateContent request (system instruction and tools count too);
  // {"totalTokens": N}.
  absl::StatusOr<HttpRequest> BuildCountTokensRequest(
      const v1::ChatCompletionRequest& request,
      absl::string_view model) const override;
  absl::StatusOr<int64_t> ParseCountTokens(
      absl::string_view body) const override;

  static int64_t SystemClock();

 private:
  HttpHeaders Headers(bool with_body) const;

  const ProviderConfig config_;
  const Clock clock_;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_GEMINI_GEMINI_PROVIDER_H_
