#include "service/http/http_chat_exchange.h"

#include <string>
#include <utility>

namespace literllm {
namespace {

constexpr absl::string_view kEventStream = "text/event-stream";

}  // namespace

void HttpChatExchange::Start(const CallServices& services,
                             const SecretRedactor& redactor,
                             CallContext context,
                             v1::ChatCompletionRequest request,
                             std::unique_ptr<ChatAnswerFormat> format,
                             std::shared_ptr<HttpResponder> responder) {
  auto exchange = std::make_shared<HttpChatExchange>(
      services, redactor, std::move(context), std::move(request),
      std::move(format), std::move(responder));
  exchange->self_ = exchange;
  exchange->responder_->OnClientGone(
      [weak = std::weak_ptr<HttpChatExchange>(exchange)] {
        if (auto alive = weak.lock()) alive->call_.Cancel();
      });
  exchange->call_.Start();
}

HttpChatExchange::HttpChatExchange(const CallServices& services,
                                   const SecretRedactor& redactor,
                                   CallContext context,
                                   v1::ChatCompletionRequest request,
                                   std::unique_ptr<ChatAnswerFormat> format,
                                   std::shared_ptr<HttpResponder> responder)
    : redactor_(redactor),
      request_(std::move(request)),
      format_(std::move(format)),
      responder_(std::move(responder)),
      stream_(context.stream),
      call_(services, std::move(context), request_, *this) {}

void HttpChatExchange::OnResponse(v1::ChatCompletionResponse response) {
  response_ = std::move(response);
}

void HttpChatExchange::OnChunk(const v1::ChatCompletionChunk& chunk) {
  std::string piece = format_->Chunk(chunk);
  if (piece.empty()) return call_.ChunkDone(true);
  Send(std::move(piece));
}

void HttpChatExchange::Send(std::string piece) {
  auto written = [self = shared_from_this()](bool ok) {
    self->call_.ChunkDone(ok);
  };
  if (started_) return responder_->Write(std::move(piece), std::move(written));
  started_ = true;
  responder_->StartStream(200, kEventStream, std::move(piece),
                          std::move(written));
}

void HttpChatExchange::StartStream(std::string first) {
  started_ = true;
  responder_->StartStream(200, kEventStream, std::move(first), [](bool) {});
}

void HttpChatExchange::OnFinish(const absl::Status& status) {
  // The call is done with this exchange once OnFinish returns.
  std::shared_ptr<HttpChatExchange> self = std::move(self_);
  if (status.ok() && stream_) {
    if (started_) return responder_->EndStream(format_->StreamEnd());
    StartStream(format_->StreamEnd());  // a stream with no chunk at all
    return responder_->EndStream("");
  }
  if (status.ok()) {
    return responder_->Respond(200, "application/json",
                               format_->Response(*response_));
  }
  std::string message = redactor_.Redact(status.message());
  if (started_) {
    return responder_->EndStream(format_->StreamError(status, message));
  }
  HttpErrorAnswer error = format_->Error(status, message);
  for (auto& [name, value] : error.headers) value = redactor_.Redact(value);
  responder_->Respond(error.status, "application/json", std::move(error.body),
                      std::move(error.headers));
}

}  // namespace literllm
