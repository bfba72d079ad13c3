#ifndef LITERLLM_SERVICE_CALL_CHAT_CALL_H_
#define LITERLLM_SERVICE_CALL_CHAT_CALL_H_

#include <atomic>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/stream_framing.h"
#include "providers/http/transport.h"
#include "service/call/answer_record.h"
#include "service/call/call_attempts.h"
#include "service/call/call_context.h"
#include "service/call/call_outcome.h"
#include "service/call/call_services.h"
#include "service/call/chat_sink.h"
#include "service/call/upstream_transfer.h"

namespace literllm {

// One chat call, unary or streamed, from whatever front: the one place a
// call is run. Start drives it through
//   admit (the policy chain) → route (aliases, fallbacks, balancing)
//   → attempts (codec request → transport → typed failure? retry/fallback)
//   → decode (framing → codec → chunks) → usage and cost → the sink
//   → Finished(outcome) to every policy → sink.OnFinish, exactly once.
// Nothing here blocks: policies answer by callback, the transport runs on
// its own threads, retries wait on timers. Stream chunks are queued up to
// kMaxQueuedChunks while the sink holds one; past that the upstream transfer
// is paused until the sink catches up.
//
// Owned by the front's per-call object, which must keep it (and `request`)
// alive until the sink's OnFinish; after OnFinish the call touches nothing
// of itself, so the front may delete it there or later.
class ChatCall final : private HttpResponseHandler {
 public:
  ChatCall(const CallServices& services, CallContext context,
           const v1::ChatCompletionRequest& request, ChatSink& sink);

  // Runs the call; the sink may hear from it before Start returns.
  void Start();
  // The caller went away or cancelled: the upstream transfer or wait is
  // aborted and the call finishes. Any thread, any time, more than once.
  void Cancel();
  // Streams: the sink is done with the chunk it was given; `delivered` is
  // false when the caller is gone (the call then stops).
  void ChunkDone(bool delivered);

 private:
  static constexpr size_t kMaxQueuedChunks = 64;
  // Largest answer buffered for a unary call, and error body kept.
  static constexpr size_t kMaxBodyBytes = 64 << 20;
  static constexpr size_t kMaxErrorBodyBytes = 64 << 10;

  void Admitted(absl::Status status);
  void StartAttempt();
  // The attempt log of the outcome: who was asked, where, what came back.
  void LogAttemptStart(const HttpRequest& http);
  void LogAttemptEnd(const absl::Status& result);
  void RetryAt(absl::Time when);
  // The call's answer is decided: deliver what is queued, then finish.
  void End(absl::Status status) ABSL_LOCKS_EXCLUDED(mu_);

  // Transport thread.
  void OnHead(const HttpResponseHead& head) override { head_ = head; }
  BodyAction OnBody(absl::string_view bytes) override;
  void OnComplete(absl::Status status) override;
  BodyAction KeepBody(absl::string_view bytes, size_t limit);
  BodyAction DecodeStream(absl::string_view bytes) ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status Decode(absl::string_view bytes,
                      std::vector<v1::ChatCompletionChunk>& chunks);
  absl::Status UnaryResult(const absl::Status& transfer);
  absl::Status StreamResult(const absl::Status& transfer);
  void Answered();
  // Prices an answer (response or chunk) that carries usage, and keeps its
  // usage and cost for the outcome.
  template <typename Answer>
  void CountUsage(Answer& answer);

  // Under mu_ decides the next step (hand the sink a chunk, or finish) and
  // takes it after the lock is released.
  void Advance() ABSL_LOCKS_EXCLUDED(mu_);
  void Finish(const absl::Status& status);
  // Once, when the call finishes: the attempt log moves into it.
  CallOutcome Outcome(const absl::Status& status);

  const CallServices& services_;
  CallContext context_;
  const v1::ChatCompletionRequest& request_;
  ChatSink& sink_;
  const absl::Time start_;
  const absl::Time deadline_;  // the caller's, capped
  UpstreamTransfer transfer_;
  std::atomic<bool> cancelled_{false};

  // Used by one step at a time (the admitting thread, then the transport's
  // thread, a timer's, ...), never concurrently; read by Finish after mu_
  // published final_.
  std::optional<CallAttempts> attempts_;
  absl::Time attempt_deadline_;
  HttpResponseHead head_;
  std::string body_;  // a unary answer, or a stream's error body
  bool too_large_ = false;
  std::unique_ptr<StreamFramer> framer_;
  std::unique_ptr<StreamDecoder> decoder_;
  std::vector<StreamEvent> events_;
  absl::Status stream_error_;  // an in-band error that aborted the transfer
  bool admitted_ = false;      // the policy chain let the call through
  bool answered_ = false;      // something reached the sink's queue
  std::optional<absl::Duration> time_to_first_token_;
  std::optional<v1::Usage> usage_;
  std::optional<double> cost_usd_;
  std::optional<v1::ChatCompletionResponse> response_;
  AnswerRecord answer_record_;
  std::vector<AttemptRecord> attempt_log_;

  absl::Mutex mu_;
  std::deque<v1::ChatCompletionChunk> queue_ ABSL_GUARDED_BY(mu_);
  v1::ChatCompletionChunk in_flight_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool paused_ ABSL_GUARDED_BY(mu_) = false;
  bool caller_gone_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<absl::Status> final_ ABSL_GUARDED_BY(mu_);
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  // Threads inside StartAttempt's hand-over to the transport, and the end
  // they must deliver when they leave.
  int starting_ ABSL_GUARDED_BY(mu_) = 0;
  std::optional<absl::Status> deferred_finish_ ABSL_GUARDED_BY(mu_);
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_CHAT_CALL_H_
