#include "service/grpc/chat_reactor.h"

#include <utility>

#include "service/grpc/grpc_call_context.h"
#include "service/grpc/grpc_status.h"

namespace literllm {

ChatReactor::ChatReactor(const CallServices& services,
                         const SecretRedactor& redactor,
                         grpc::CallbackServerContext* context,
                         const v1::ChatCompletionRequest* request,
                         v1::ChatCompletionResponse* response)
    : redactor_(redactor),
      context_(context),
      response_(response),
      call_(services, GrpcCallContext(*context, /*stream=*/false), *request,
            *this) {
  call_.Start();
}

void ChatReactor::OnResponse(v1::ChatCompletionResponse response) {
  *response_ = std::move(response);
}

void ChatReactor::OnFinish(const absl::Status& status) {
  Finish(ToGrpcStatus(status, redactor_, context_));
}

}  // namespace literllm
