#ifndef LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_PROVIDER_H_
#define LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_PROVIDER_H_

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

// Anthropic's Messages API (https://docs.anthropic.com/en/api/messages).
// The class only routes; the body writer (anthropic_request.h), response
// parser, stream decoder and error parser live in their own files, each
// tested against testdata/ golden files.
class AnthropicProvider final : public Provider,
                                public ChatCodec,
                                public ModelListCodec,
                                public TokenCountCodec {
 public:
  // Unix seconds for `created`, which Anthropic does not send.
  using Clock = std::function<int64_t()>;

  // `config.base_url` is the host root, e.g. https://api.anthropic.com.
  explicit AnthropicProvider(ProviderConfig config, Clock clock = {});

  const ProviderConfig& config() const override { return config_; }
  const ChatCodec* chat() const override { return this; }
  const ModelListCodec* model_list() const override { return this; }
  const TokenCountCodec* token_count() const override { return this; }

  // POST {base_url}/v1/messages with x-api-key and anthropic-version.
  absl::StatusOr<HttpRequest> BuildChatRequest(
      const v1::ChatCompletionRequest& request, absl::string_view model,
      bool stream) const override;
  absl::StatusOr<v1::ChatCompletionResponse> ParseChatResponse(
      absl::string_view body) const override;
  std::unique_ptr<StreamDecoder> NewStreamDecoder() const override;
  absl::Status ParseError(const HttpResponseHead& head,
                          absl::string_view body) const override;
  // The caller's anthropic-version (replacing ours) and anthropic-beta, so
  // Anthropic SDK callers reach the API version and betas they ask for.
  void AddCallerHeaders(
      const absl::flat_hash_map<std::string, std::string>& metadata,
      HttpRequest& request) const override;

  // POST {base_url}/v1/messages/count_tokens; {"input_tokens": N}.
  absl::StatusOr<HttpRequest> BuildCountTokensRequest(
      const v1::ChatCompletionRequest& request,
      absl::string_view model) const override;
  absl::StatusOr<int64_t> ParseCountTokens(
      absl::string_view body) const override;

  // GET {base_url}/v1/models?limit=1000 (one page holds every model; the
  // default page is 20); ids come back as "<provider>/<id>".
  absl::StatusOr<HttpRequest> BuildListModelsRequest() const override;
  absl::StatusOr<std::vector<v1::Model>> ParseListModels(
      absl::string_view body) const override;

 private:
  HttpHeaders Headers(bool with_body) const;

  const ProviderConfig config_;
  const Clock clock_;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_ANTHROPIC_ANTHROPIC_PROVIDER_H_
