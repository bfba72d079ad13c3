#ifndef LITERLLM_PROVIDERS_EMBEDDINGS_CODEC_H_
#define LITERLLM_PROVIDERS_EMBEDDINGS_CODEC_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/http_request.h"

namespace literllm {

// Embeddings: builds the provider's request and reads its answer. Pure
// translation, no I/O; immutable and thread-safe.
class EmbeddingsCodec {
 public:
  virtual ~EmbeddingsCodec() = default;
  // `model` is the caller's model string after "provider/".
  virtual absl::StatusOr<HttpRequest> BuildEmbeddingsRequest(
      const v1::EmbeddingsRequest& request, absl::string_view model) const = 0;
  virtual absl::StatusOr<v1::EmbeddingsResponse> ParseEmbeddingsResponse(
      absl::string_view body) const = 0;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_EMBEDDINGS_CODEC_H_
