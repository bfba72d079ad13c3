#ifndef LITERLLM_SERVICE_HTTP_OPENAI_CHAT_EXCHANGE_H_
#define LITERLLM_SERVICE_HTTP_OPENAI_CHAT_EXCHANGE_H_

#include <memory>
#include <optional>

#include "literllm/v1/llm_service.pb.h"
#include "service/call/call_context.h"
#include "service/call/call_services.h"
#include "service/call/chat_call.h"
#include "service/call/chat_sink.h"
#include "service/http/http_exchange.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// One POST /v1/chat/completions: a thin adapter from HTTP to a ChatCall.
// Unary calls answer a `chat.completion`; streams answer text/event-stream
// `data:` events, the headers only once the first chunk (or the outcome) is
// known, so a call that fails before answering gets a real HTTP error
// status; a failure after the first chunk ends the stream with an error
// event, never a `[DONE]`. One chunk is written at a time (backpressure);
// a client that disconnects cancels the call. Keeps itself alive until the
// call finished.
class OpenAiChatExchange final
    : public ChatSink,
      public std::enable_shared_from_this<OpenAiChatExchange> {
 public:
  static void Start(const CallServices& services,
                    const SecretRedactor& redactor, CallContext context,
                    v1::ChatCompletionRequest request,
                    std::shared_ptr<HttpResponder> responder);

  OpenAiChatExchange(const CallServices& services,
                     const SecretRedactor& redactor, CallContext context,
                     v1::ChatCompletionRequest request,
                     std::shared_ptr<HttpResponder> responder);

 private:
  void OnResponse(v1::ChatCompletionResponse response) override;
  void OnChunk(const v1::ChatCompletionChunk& chunk) override;
  void OnFinish(const absl::Status& status) override;
  void Send(std::string piece);

  const SecretRedactor& redactor_;
  const v1::ChatCompletionRequest request_;  // read by the call until done
  const std::shared_ptr<HttpResponder> responder_;
  const bool stream_;
  const bool include_usage_;
  // Sink callbacks run one at a time, so these need no lock.
  bool started_ = false;  // the stream's headers went out
  std::optional<v1::ChatCompletionResponse> response_;
  std::shared_ptr<OpenAiChatExchange> self_;  // until OnFinish
  ChatCall call_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_OPENAI_CHAT_EXCHANGE_H_
