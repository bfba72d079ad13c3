#include "service/llm_service.h"

#include "service/chat_reactor.h"
#include "service/chat_stream_reactor.h"
#include "service/list_models_reactor.h"

namespace literllm {

grpc::ServerUnaryReactor* LlmService::Chat(
    grpc::CallbackServerContext* context,
    const v1::ChatCompletionRequest* request,
    v1::ChatCompletionResponse* response) {
  return new ChatReactor(gateway_, context, request, response);
}

grpc::ServerWriteReactor<v1::ChatCompletionChunk>* LlmService::ChatStream(
    grpc::CallbackServerContext* context,
    const v1::ChatCompletionRequest* request) {
  return new ChatStreamReactor(gateway_, context, request);
}

grpc::ServerUnaryReactor* LlmService::ListModels(
    grpc::CallbackServerContext* context, const v1::ListModelsRequest* request,
    v1::ListModelsResponse* response) {
  return new ListModelsReactor(gateway_, context, request, response);
}

}  // namespace literllm
