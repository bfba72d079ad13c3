#include "service/http/anthropic_front.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "service/http/anthropic_answer_format.h"
#include "service/http/anthropic_errors.h"
#include "service/http/anthropic_messages_request.h"
#include "service/http/anthropic_token_count.h"
#include "service/http/http_chat_exchange.h"

namespace literllm {
namespace {

constexpr absl::string_view kJson = "application/json";
constexpr absl::string_view kMessages = "/v1/messages";
constexpr absl::string_view kCountTokens = "/v1/messages/count_tokens";

}  // namespace

AnthropicFront::AnthropicFront(const CallServices& calls,
                               const SecretRedactor& redactor,
                               std::function<bool()> ready)
    : calls_(calls), redactor_(redactor), ready_(std::move(ready)) {}

void AnthropicFront::Handle(HttpRequestData request,
                            std::shared_ptr<HttpResponder> responder) {
  absl::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  if (path != kMessages && path != kCountTokens) {
    return responder->Respond(
        404, kJson,
        AnthropicErrorJson(
            "not_found_error",
            absl::StrCat("no route for ", request.method, " ", path)));
  }
  if (request.method != "POST") {
    return responder->Respond(
        405, kJson,
        AnthropicErrorJson("invalid_request_error",
                           "method not allowed; use POST"),
        {{"allow", "POST"}});
  }
  if (!ready_()) {
    return responder->Respond(
        503, kJson,
        AnthropicErrorJson("api_error",
                           "literllm is shutting down; retry on another "
                           "replica"),
        {{"retry-after", "1"}});
  }
  const bool counting = path == kCountTokens;
  absl::StatusOr<v1::ChatCompletionRequest> chat =
      ReadAnthropicMessagesRequest(request.body, counting);
  if (!chat.ok()) return Fail(chat.status(), *responder);
  // HTTP callers set no deadline: the maximum call duration bounds it.
  CallContext context = CallContextFromMetadata(Front::kAnthropicHttp,
                                                !counting && chat->stream(),
                                                std::move(request.headers));
  if (counting) {
    return AnthropicTokenCount::Start(calls_, redactor_, std::move(context),
                                      *std::move(chat), std::move(responder));
  }
  HttpChatExchange::Start(
      calls_, redactor_, std::move(context), *std::move(chat),
      std::make_unique<AnthropicAnswerFormat>(), std::move(responder));
}

void AnthropicFront::Fail(const absl::Status& status,
                          HttpResponder& responder) const {
  AnthropicError error = AnthropicErrorFor(status);
  responder.Respond(
      error.http_status, kJson,
      AnthropicErrorJson(error.type, redactor_.Redact(status.message())));
}

std::string AnthropicFront::EarlyErrorBody(absl::string_view path, int status,
                                           absl::string_view message) const {
  return AnthropicErrorJson(
      status == 413 ? "request_too_large" : "invalid_request_error", message);
}

}  // namespace literllm
