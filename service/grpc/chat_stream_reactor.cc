#include "service/grpc/chat_stream_reactor.h"

#include "service/grpc/grpc_call_context.h"
#include "service/grpc/grpc_status.h"

namespace literllm {

ChatStreamReactor::ChatStreamReactor(const CallServices& services,
                                     const SecretRedactor& redactor,
                                     grpc::CallbackServerContext* context,
                                     const v1::ChatCompletionRequest* request)
    : redactor_(redactor),
      context_(context),
      call_(services, GrpcCallContext(*context, /*stream=*/true), *request,
            *this) {
  call_.Start();
}

void ChatStreamReactor::OnFinish(const absl::Status& status) {
  Finish(ToGrpcStatus(status, redactor_, context_));
}

}  // namespace literllm
