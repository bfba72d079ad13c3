#ifndef LITERLLM_PROVIDERS_MODEL_LIST_CODEC_H_
#define LITERLLM_PROVIDERS_MODEL_LIST_CODEC_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/http_request.h"

namespace literllm {

// Asks a provider which models it serves. Pure translation, no I/O;
// immutable and thread-safe.
class ModelListCodec {
 public:
  virtual ~ModelListCodec() = default;
  virtual absl::StatusOr<HttpRequest> BuildListModelsRequest() const = 0;
  // Model ids come back as "<provider>/<id>".
  virtual absl::StatusOr<std::vector<v1::Model>> ParseListModels(
      absl::string_view body) const = 0;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_MODEL_LIST_CODEC_H_
