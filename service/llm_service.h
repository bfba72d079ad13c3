#ifndef LITERLLM_SERVICE_LLM_SERVICE_H_
#define LITERLLM_SERVICE_LLM_SERVICE_H_

#include "literllm/v1/llm_service.grpc.pb.h"
#include "service/router.h"

namespace literllm {

// literllm.v1.LlmService on gRPC's callback API: each method creates a
// reactor that owns the call and returns at once, so no gRPC thread ever
// waits for a provider.
class LlmService final : public v1::LlmService::CallbackService {
 public:
  explicit LlmService(const Gateway& gateway) : gateway_(gateway) {}

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
  const Gateway& gateway_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_LLM_SERVICE_H_
