#ifndef LITERLLM_SERVICE_GRPC_CHAT_REACTOR_H_
#define LITERLLM_SERVICE_GRPC_CHAT_REACTOR_H_

#include <grpcpp/grpcpp.h>

#include "literllm/v1/llm_service.pb.h"
#include "service/call/call_services.h"
#include "service/call/chat_call.h"
#include "service/call/chat_sink.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// One unary Chat call: a thin adapter from gRPC's callback API to a
// ChatCall, which does all the work. Finish comes from the call's OnFinish,
// exactly once; gRPC then calls OnDone, which deletes this.
class ChatReactor final : public grpc::ServerUnaryReactor, private ChatSink {
 public:
  ChatReactor(const CallServices& services, const SecretRedactor& redactor,
              grpc::CallbackServerContext* context,
              const v1::ChatCompletionRequest* request,
              v1::ChatCompletionResponse* response);

 private:
  void OnCancel() override { call_.Cancel(); }
  void OnDone() override { delete this; }

  void OnResponse(v1::ChatCompletionResponse response) override;
  void OnChunk(const v1::ChatCompletionChunk& chunk) override {}
  void OnFinish(const absl::Status& status) override;

  const SecretRedactor& redactor_;
  grpc::CallbackServerContext* const context_;
  v1::ChatCompletionResponse* const response_;
  ChatCall call_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_GRPC_CHAT_REACTOR_H_
