#include "service/http/openai_chat_exchange.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "service/http/openai_errors.h"
#include "service/http/openai_json.h"

namespace literllm {
namespace {

constexpr absl::string_view kEventStream = "text/event-stream";
constexpr absl::string_view kDone = "data: [DONE]\n\n";

}  // namespace

void OpenAiChatExchange::Start(const CallServices& services,
                               const SecretRedactor& redactor,
                               CallContext context,
                               v1::ChatCompletionRequest request,
                               std::shared_ptr<HttpResponder> responder) {
  auto exchange = std::make_shared<OpenAiChatExchange>(
      services, redactor, std::move(context), std::move(request),
      std::move(responder));
  exchange->self_ = exchange;
  exchange->responder_->OnClientGone(
      [weak = std::weak_ptr<OpenAiChatExchange>(exchange)] {
        if (auto alive = weak.lock()) alive->call_.Cancel();
      });
  exchange->call_.Start();
}

OpenAiChatExchange::OpenAiChatExchange(const CallServices& services,
                                       const SecretRedactor& redactor,
                                       CallContext context,
                                       v1::ChatCompletionRequest request,
                                       std::shared_ptr<HttpResponder> responder)
    : redactor_(redactor),
      request_(std::move(request)),
      responder_(std::move(responder)),
      stream_(request_.stream()),
      include_usage_(request_.stream_options().include_usage()),
      call_(services, std::move(context), request_, *this) {}

void OpenAiChatExchange::OnResponse(v1::ChatCompletionResponse response) {
  response_ = std::move(response);
}

void OpenAiChatExchange::OnChunk(const v1::ChatCompletionChunk& chunk) {
  // The final usage chunk (no choices) goes out only when asked for.
  if (!include_usage_ && chunk.choices().empty()) {
    return call_.ChunkDone(true);
  }
  Send(absl::StrCat("data: ", OpenAiChunkJson(chunk, include_usage_), "\n\n"));
}

void OpenAiChatExchange::Send(std::string piece) {
  auto written = [self = shared_from_this()](bool ok) {
    self->call_.ChunkDone(ok);
  };
  if (started_) return responder_->Write(std::move(piece), std::move(written));
  started_ = true;
  responder_->StartStream(200, kEventStream, std::move(piece),
                          std::move(written));
}

void OpenAiChatExchange::OnFinish(const absl::Status& status) {
  // The call is done with this exchange once OnFinish returns.
  std::shared_ptr<OpenAiChatExchange> self = std::move(self_);
  if (status.ok() && stream_) {
    if (started_) return responder_->EndStream(std::string(kDone));
    started_ = true;  // a stream with no chunk at all
    responder_->StartStream(200, kEventStream, std::string(kDone), [](bool) {});
    return responder_->EndStream("");
  }
  if (status.ok()) {
    return responder_->Respond(200, "application/json",
                               OpenAiCompletionJson(*response_));
  }
  OpenAiError error = OpenAiErrorFor(status);
  std::string body = OpenAiErrorJson(redactor_.Redact(status.message()),
                                     error.type, error.param, error.code);
  if (started_) {
    // Mid-stream: an error event in OpenAI's shape, and no [DONE].
    return responder_->EndStream(absl::StrCat("data: ", body, "\n\n"));
  }
  HttpHeaderList headers;
  if (error.retry_after) {
    headers.emplace_back("retry-after", redactor_.Redact(*error.retry_after));
  }
  responder_->Respond(error.http_status, "application/json", std::move(body),
                      std::move(headers));
}

}  // namespace literllm
