#ifndef LITERLLM_SERVICE_GRPC_LLM_SERVICE_H_
#define LITERLLM_SERVICE_GRPC_LLM_SERVICE_H_

#include "literllm/v1/llm_service.grpc.pb.h"
#include "providers/registry.h"
#include "service/call/call_services.h"
#include "service/models/model_catalog.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// literllm.v1.LlmService on gRPC's callback API: each method creates a
// reactor that owns the call and returns at once, so no gRPC thread ever
// waits for a provider.
class LlmService final : public v1::LlmService::CallbackService {
 public:
  LlmService(const CallServices& calls, ModelCatalog& catalog,
             const SecretRedactor& redactor)
      : calls_(calls), catalog_(catalog), redactor_(redactor) {}

  grpc::ServerUnaryReactor* Chat(grpc::CallbackServerContext* context,
                                 const v1::ChatCompletionRequest* request,
                                 v1::ChatCompletionResponse* response) override;
  grpc::ServerWriteReactor<v1::ChatCompletionChunk>* ChatStream(
      grpc::CallbackServerContext* context,
      const v1::ChatCompletionRequest* request) override;
  grpc::ServerUnaryReactor* ListModels(
      grpc::CallbackServerContext* context,
      const v1::ListModelsRequest* request,
      v1::ListModelsResponse* response) override;

 private:
  const CallServices& calls_;
  ModelCatalog& catalog_;
  const SecretRedactor& redactor_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_GRPC_LLM_SERVICE_H_
