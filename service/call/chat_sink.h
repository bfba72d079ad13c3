#ifndef LITERLLM_SERVICE_CALL_CHAT_SINK_H_
#define LITERLLM_SERVICE_CALL_CHAT_SINK_H_

#include "absl/status/status.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// Where a ChatCall delivers its answer: the front's side of the call. Calls
// come from the transport's thread, a timer's, or the thread that called
// into the ChatCall; never two at once.
class ChatSink {
 public:
  virtual ~ChatSink() = default;

  // Unary calls: the answer, once, just before OnFinish(OK).
  virtual void OnResponse(v1::ChatCompletionResponse response) = 0;

  // Streams: the next chunk. It stays valid, and no other chunk comes,
  // until the sink calls ChatCall::ChunkDone: one chunk in flight is the
  // backpressure (the call queues a bounded number, then pauses upstream).
  virtual void OnChunk(const v1::ChatCompletionChunk& chunk) = 0;

  // Exactly once, last. The call touches nothing of itself afterwards, so
  // the sink may destroy it from here on.
  virtual void OnFinish(const absl::Status& status) = 0;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_CHAT_SINK_H_
