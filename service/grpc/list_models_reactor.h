#ifndef LITERLLM_SERVICE_GRPC_LIST_MODELS_REACTOR_H_
#define LITERLLM_SERVICE_GRPC_LIST_MODELS_REACTOR_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "literllm/v1/llm_service.pb.h"
#include "providers/registry.h"
#include "service/models/model_catalog.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// One ListModels call: the models of every listed provider (or the one
// requested) from the model catalog, each provider's configured models, and
// the configured aliases. Providers are asked in parallel; one that fails or
// times out does not fail the call but is reported in `errors`, and so is
// one that cannot be listed and has no configured models: no configured
// provider is left out silently.
class ListModelsReactor final : public grpc::ServerUnaryReactor {
 public:
  ListModelsReactor(const ProviderRegistry& providers, ModelCatalog& catalog,
                    const SecretRedactor& redactor,
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

#endif  // LITERLLM_SERVICE_GRPC_LIST_MODELS_REACTOR_H_
