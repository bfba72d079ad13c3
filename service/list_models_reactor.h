#ifndef LITERLLM_SERVICE_LIST_MODELS_REACTOR_H_
#define LITERLLM_SERVICE_LIST_MODELS_REACTOR_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "literllm/v1/llm_service.pb.h"
#include "service/router.h"

namespace literllm {

// One ListModels call: the models of every listed provider (or the one
// requested) from the model catalog, each provider's configured models, and
// the configured aliases. Providers are asked in parallel; one that fails or
// times out does not fail the call but is reported in `errors`.
class ListModelsReactor final : public grpc::ServerUnaryReactor {
 public:
  ListModelsReactor(const Gateway& gateway,
                    grpc::CallbackServerContext* context,
                    const v1::ListModelsRequest* request,
                    v1::ListModelsResponse* response);
  ~ListModelsReactor() override;

 private:
  class Answer;

  void OnCancel() override;
  void OnDone() override { delete this; }

  // Shared with the catalog's callbacks, which may outlive this call.
  std::shared_ptr<Answer> answer_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_LIST_MODELS_REACTOR_H_
