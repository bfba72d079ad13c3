#ifndef LITERLLM_SERVICE_HTTP_HTTP_CHAT_EXCHANGE_H_
#define LITERLLM_SERVICE_HTTP_HTTP_CHAT_EXCHANGE_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "service/call/call_context.h"
#include "service/call/call_services.h"
#include "service/call/chat_call.h"
#include "service/call/chat_sink.h"
#include "service/http/http_exchange.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// A failed call as one front answers it before any byte of its answer went
// out: the HTTP status its SDKs turn into the matching exception, the body,
// and headers (retry-after).
struct HttpErrorAnswer {
  int status = 500;
  std::string body;
  HttpHeaderList headers;
};

// How one front's wire format writes a chat call's answer (OpenAI's, or
// Anthropic's). One per call; its methods are called one at a time.
class ChatAnswerFormat {
 public:
  virtual ~ChatAnswerFormat() = default;
  // The body of a unary answer (200, application/json).
  virtual std::string Response(const v1::ChatCompletionResponse& response) = 0;
  // The stream events `chunk` becomes; "" when it becomes none (yet).
  virtual std::string Chunk(const v1::ChatCompletionChunk& chunk) = 0;
  // What ends a stream that succeeded, after its last chunk.
  virtual std::string StreamEnd() = 0;
  // A failure before the answer started; `message` is already redacted.
  virtual HttpErrorAnswer Error(const absl::Status& status,
                                absl::string_view message) = 0;
  // The event that ends a stream which fails after it started.
  virtual std::string StreamError(const absl::Status& status,
                                  absl::string_view message) = 0;
};

// One chat call over HTTP, whatever the front: a thin adapter from an
// HttpResponder to a ChatCall, writing through the front's format. Unary
// calls answer JSON; streams answer text/event-stream, the headers only once
// the first event (or the outcome) is known, so a call that fails before
// answering gets a real HTTP error status; a failure after the first event
// ends the stream with the format's error event. One piece is written at a
// time (backpressure); a client that disconnects cancels the call. Keeps
// itself alive until the call finished.
class HttpChatExchange final
    : public ChatSink,
      public std::enable_shared_from_this<HttpChatExchange> {
 public:
  static void Start(const CallServices& services,
                    const SecretRedactor& redactor, CallContext context,
                    v1::ChatCompletionRequest request,
                    std::unique_ptr<ChatAnswerFormat> format,
                    std::shared_ptr<HttpResponder> responder);

  HttpChatExchange(const CallServices& services, const SecretRedactor& redactor,
                   CallContext context, v1::ChatCompletionRequest request,
                   std::unique_ptr<ChatAnswerFormat> format,
                   std::shared_ptr<HttpResponder> responder);

 private:
  void OnResponse(v1::ChatCompletionResponse response) override;
  void OnChunk(const v1::ChatCompletionChunk& chunk) override;
  void OnFinish(const absl::Status& status) override;
  void Send(std::string piece);
  // The stream's headers and first piece; no acknowledgement is awaited.
  void StartStream(std::string first);

  const SecretRedactor& redactor_;
  const v1::ChatCompletionRequest request_;  // read by the call until done
  const std::unique_ptr<ChatAnswerFormat> format_;
  const std::shared_ptr<HttpResponder> responder_;
  const bool stream_;
  // Sink callbacks run one at a time, so these need no lock.
  bool started_ = false;  // the stream's headers went out
  std::optional<v1::ChatCompletionResponse> response_;
  std::shared_ptr<HttpChatExchange> self_;  // until OnFinish
  ChatCall call_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_HTTP_CHAT_EXCHANGE_H_
