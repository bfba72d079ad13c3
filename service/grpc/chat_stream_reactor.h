#ifndef LITERLLM_SERVICE_GRPC_CHAT_STREAM_REACTOR_H_
#define LITERLLM_SERVICE_GRPC_CHAT_STREAM_REACTOR_H_

#include <grpcpp/grpcpp.h>

#include "literllm/v1/llm_service.pb.h"
#include "service/call/call_services.h"
#include "service/call/chat_call.h"
#include "service/call/chat_sink.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// One ChatStream call: a thin adapter from gRPC's callback API to a
// ChatCall. The call hands over one chunk at a time; it is written, and
// OnWriteDone tells the call it may send the next (gRPC allows one write in
// flight, which is the backpressure). Finish comes from the call's OnFinish,
// exactly once, also after a cancel; OnDone deletes this.
class ChatStreamReactor final
    : public grpc::ServerWriteReactor<v1::ChatCompletionChunk>,
      private ChatSink {
 public:
  ChatStreamReactor(const CallServices& services,
                    const SecretRedactor& redactor,
                    grpc::CallbackServerContext* context,
                    const v1::ChatCompletionRequest* request);

 private:
  void OnWriteDone(bool ok) override { call_.ChunkDone(ok); }
  void OnCancel() override { call_.Cancel(); }
  void OnDone() override { delete this; }

  void OnResponse(v1::ChatCompletionResponse response) override {}
  void OnChunk(const v1::ChatCompletionChunk& chunk) override {
    StartWrite(&chunk);
  }
  void OnFinish(const absl::Status& status) override;

  const SecretRedactor& redactor_;
  grpc::CallbackServerContext* const context_;
  ChatCall call_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_GRPC_CHAT_STREAM_REACTOR_H_
