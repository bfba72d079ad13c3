#ifndef LITERLLM_SERVICE_CHAT_STREAM_REACTOR_H_
#define LITERLLM_SERVICE_CHAT_STREAM_REACTOR_H_

#include <grpcpp/grpcpp.h>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/sse_parser.h"
#include "providers/http/transport.h"
#include "service/router.h"
#include "service/upstream_transfer.h"

namespace literllm {

// One ChatStream call. The transport thread parses SSE bytes into chunks and
// queues them; gRPC writes them one at a time (the callback API allows one
// write in flight), starting the next from OnWriteDone. When the queue holds
// kMaxQueuedChunks the upstream transfer is paused until the caller catches
// up, so a slow reader costs a bounded amount of memory. Finish is called
// once, after the transfer completed and every queued chunk was written (or
// the caller went away). Deletes itself in OnDone.
class ChatStreamReactor final
    : public grpc::ServerWriteReactor<v1::ChatCompletionChunk>,
      private HttpResponseHandler {
 public:
  ChatStreamReactor(const Gateway& gateway,
                    grpc::CallbackServerContext* context,
                    const v1::ChatCompletionRequest* request);

 private:
  static constexpr size_t kMaxQueuedChunks = 64;
  static constexpr size_t kMaxErrorBodyBytes = 64 << 10;

  // gRPC threads.
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override { delete this; }

  // Transport thread.
  void OnHead(const HttpResponseHead& head) override;
  BodyAction OnBody(absl::string_view bytes) override;
  void OnComplete(absl::Status status) override;
  absl::Status DecodeEvents(absl::string_view bytes,
                            std::vector<v1::ChatCompletionChunk>& chunks);
  absl::Status FinalStatus(absl::Status transfer_status);
  void StartAttempt(HttpRequest http);
  // Waits on a gRPC alarm, then starts the next attempt.
  void RetryAt(absl::Time when);

  // Under mu_: decides the next step (write the queue head, or finish) and
  // performs it after the lock is released.
  void Advance() ABSL_LOCKS_EXCLUDED(mu_);
  void EndWith(absl::Status status);

  const Gateway& gateway_;
  grpc::CallbackServerContext* const context_;
  const v1::ChatCompletionRequest* const request_;  // valid until OnDone
  const absl::Time deadline_;
  UpstreamTransfer transfer_;

  // Used by one attempt's callbacks at a time (transport thread, then the
  // alarm's gRPC thread), never concurrently.
  std::optional<CallAttempts> attempts_;
  absl::Time attempt_deadline_;
  bool answered_ = false;  // a chunk was queued for the caller
  std::unique_ptr<StreamDecoder> decoder_;
  SseParser sse_;
  std::vector<StreamEvent> events_;
  HttpResponseHead head_;
  std::string error_body_;
  absl::Status stream_error_;  // an in-band error that aborted the transfer

  absl::Mutex mu_;
  std::deque<v1::ChatCompletionChunk> queue_ ABSL_GUARDED_BY(mu_);
  v1::ChatCompletionChunk in_flight_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool paused_ ABSL_GUARDED_BY(mu_) = false;
  bool caller_gone_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<absl::Status> final_ ABSL_GUARDED_BY(mu_);
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CHAT_STREAM_REACTOR_H_
