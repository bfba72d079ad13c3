#ifndef LITERLLM_SERVICE_CHAT_REACTOR_H_
#define LITERLLM_SERVICE_CHAT_REACTOR_H_

#include <grpcpp/grpcpp.h>

#include <optional>
#include <string>

#include "literllm/v1/llm_service.pb.h"
#include "providers/http/transport.h"
#include "service/router.h"
#include "service/upstream_transfer.h"

namespace literllm {

// One unary Chat call. Created by the service on a gRPC thread, it starts the
// first upstream attempt and returns; the transport's thread delivers each
// answer. A failed attempt is retried, or the next model tried (CallAttempts
// decides), after a wait on a gRPC alarm; otherwise the call finishes.
// Deletes itself in OnDone, which gRPC calls only after Finish — and Finish
// comes only after the last attempt completed or its wait ended, so the
// transport never sees a dead handler.
class ChatReactor final : public grpc::ServerUnaryReactor,
                          private HttpResponseHandler {
 public:
  ChatReactor(const Gateway& gateway, grpc::CallbackServerContext* context,
              const v1::ChatCompletionRequest* request,
              v1::ChatCompletionResponse* response);

 private:
  // Largest provider answer buffered for one call.
  static constexpr size_t kMaxBodyBytes = 64 << 20;

  void OnCancel() override;
  void OnDone() override { delete this; }

  void OnHead(const HttpResponseHead& head) override { head_ = head; }
  BodyAction OnBody(absl::string_view bytes) override;
  void OnComplete(absl::Status status) override;

  void StartAttempt(HttpRequest http);
  // After a failed attempt: waits and starts the next one, or replies.
  void Retry(const absl::Status& error);
  void Reply(const absl::Status& status);

  const Gateway& gateway_;
  grpc::CallbackServerContext* const context_;
  const v1::ChatCompletionRequest* const request_;  // valid until OnDone
  v1::ChatCompletionResponse* const response_;
  const absl::Time deadline_;

  // Used by one attempt's callbacks at a time (transport thread, then the
  // alarm's gRPC thread), never concurrently.
  std::optional<CallAttempts> attempts_;
  absl::Time attempt_deadline_;
  HttpResponseHead head_;
  std::string body_;
  bool too_large_ = false;

  UpstreamTransfer transfer_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CHAT_REACTOR_H_
