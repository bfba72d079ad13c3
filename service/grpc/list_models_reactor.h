#ifndef LITERLLM_SERVICE_GRPC_LIST_MODELS_REACTOR_H_
#define LITERLLM_SERVICE_GRPC_LIST_MODELS_REACTOR_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "literllm/v1/llm_service.pb.h"
#include "service/call/call_services.h"
#include "service/models/model_catalog.h"
#include "service/models/model_listing.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// One ListModels call: a thin adapter over a ModelListing. Finish comes once,
// from the listing's answer or its cancellation; OnDone deletes this.
class ListModelsReactor final : public grpc::ServerUnaryReactor {
 public:
  ListModelsReactor(const CallServices& calls, ModelCatalog& catalog,
                    const SecretRedactor& redactor,
                    grpc::CallbackServerContext* context,
                    const v1::ListModelsRequest* request,
                    v1::ListModelsResponse* response);

 private:
  void OnCancel() override;
  void OnDone() override { delete this; }

  // Set once Start returned; the listing may answer before that.
  std::shared_ptr<ModelListing> listing_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_GRPC_LIST_MODELS_REACTOR_H_
