#ifndef LITERLLM_PROVIDERS_TOKEN_COUNT_CODEC_H_
#define LITERLLM_PROVIDERS_TOKEN_COUNT_CODEC_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/http_request.h"

namespace literllm {

// Counts the input tokens a chat request would use, with the provider's own
// tokenizer (Anthropic's count_tokens, Gemini's countTokens). Pure
// translation, no I/O; immutable and thread-safe.
class TokenCountCodec {
 public:
  virtual ~TokenCountCodec() = default;
  // `model` is the caller's model string after "provider/".
  virtual absl::StatusOr<HttpRequest> BuildCountTokensRequest(
      const v1::ChatCompletionRequest& request,
      absl::string_view model) const = 0;
  // The input token count of a 2xx answer.
  virtual absl::StatusOr<int64_t> ParseCountTokens(
      absl::string_view body) const = 0;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_TOKEN_COUNT_CODEC_H_
