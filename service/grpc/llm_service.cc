#include "service/grpc/llm_service.h"

#include "service/grpc/chat_reactor.h"
#include "service/grpc/chat_stream_reactor.h"
#include "service/grpc/list_models_reactor.h"

namespace literllm {

grpc::ServerUnaryReactor* LlmService::Chat(
    grpc::CallbackServerContext* context,
    const v1::ChatCompletionRequest* request,
    v1::ChatCompletionResponse* response) {
  return new ChatReactor(calls_, redactor_, context, request, response);
}

grpc::ServerWriteReactor<v1::ChatCompletionChunk>* LlmService::ChatStream(
    grpc::CallbackServerContext* context,
    const v1::ChatCompletionRequest* request) {
  return new ChatStreamReactor(calls_, redactor_, context, request);
}

grpc::ServerUnaryReactor* LlmService::ListModels(
    grpc::CallbackServerContext* context, const v1::ListModelsRequest* request,
    v1::ListModelsResponse* response) {
  return new ListModelsReactor(calls_, catalog_, redactor_, context, request,
                               response);
}

}  // namespace literllm
