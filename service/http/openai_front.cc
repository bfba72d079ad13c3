#include "service/http/openai_front.h"

#include <memory>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "service/http/http_chat_exchange.h"
#include "service/http/openai_answer_format.h"
#include "service/http/openai_chat_request.h"
#include "service/http/openai_errors.h"
#include "service/http/openai_json.h"
#include "providers/http/percent_decoding.h"
#include "service/models/model_listing.h"

namespace literllm {
namespace {

constexpr absl::string_view kJson = "application/json";

void NotAllowed(absl::string_view allow, HttpResponder& responder) {
  responder.Respond(
      405, kJson,
      OpenAiErrorJson(absl::StrCat("method not allowed; use ", allow),
                      "invalid_request_error", "", ""),
      {{"allow", std::string(allow)}});
}

}  // namespace

OpenAiFront::OpenAiFront(const CallServices& calls, ModelCatalog& catalog,
                         const SecretRedactor& redactor,
                         std::function<bool()> ready)
    : calls_(calls),
      catalog_(catalog),
      redactor_(redactor),
      ready_(std::move(ready)) {}

void OpenAiFront::Handle(HttpRequestData request,
                         std::shared_ptr<HttpResponder> responder) {
  absl::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  const bool get = request.method == "GET";
  if (absl::StartsWith(path, "/v1/") && !ready_()) {
    return responder->Respond(
        503, kJson,
        OpenAiErrorJson("literllm is shutting down; retry on another replica",
                        "api_error", "", "draining"),
        {{"retry-after", "1"}});
  }
  if (path == "/v1/chat/completions") {
    if (request.method != "POST") return NotAllowed("POST", *responder);
    return Chat(std::move(request), responder);
  }
  if (path == "/v1/models") {
    if (!get) return NotAllowed("GET", *responder);
    return Models(std::move(request), std::nullopt, std::move(responder));
  }
  if (absl::ConsumePrefix(&path, "/v1/models/") && !path.empty()) {
    if (!get) return NotAllowed("GET", *responder);
    // `path` points into `request`: decode before moving it.
    std::string id = PercentDecoded(path);
    return Models(std::move(request), std::move(id), std::move(responder));
  }
  responder->Respond(
      404, kJson,
      OpenAiErrorJson(absl::StrCat("no route for ", request.method, " ", path),
                      "invalid_request_error", "", "unknown_url"));
}

void OpenAiFront::Chat(HttpRequestData request,
                       const std::shared_ptr<HttpResponder>& responder) {
  absl::StatusOr<v1::ChatCompletionRequest> chat =
      ReadOpenAiChatRequest(request.body);
  if (!chat.ok()) return Fail(chat.status(), *responder);
  // HTTP callers set no deadline: the maximum call duration bounds it.
  CallContext context = CallContextFromMetadata(
      Front::kOpenAiHttp, chat->stream(), std::move(request.headers));
  auto format = std::make_unique<OpenAiAnswerFormat>(
      chat->stream_options().include_usage());
  HttpChatExchange::Start(calls_, redactor_, std::move(context),
                          *std::move(chat), std::move(format), responder);
}

void OpenAiFront::Models(HttpRequestData request, std::optional<std::string> id,
                         std::shared_ptr<HttpResponder> responder) {
  ModelListing::Start(
      calls_.policies,
      CallContextFromMetadata(Front::kOpenAiHttp, /*stream=*/false,
                              std::move(request.headers)),
      calls_.providers, catalog_, redactor_, std::nullopt,
      [this, id = std::move(id), responder = std::move(responder)](
          absl::StatusOr<v1::ListModelsResponse> listed) {
        if (!listed.ok()) return Fail(listed.status(), *responder);
        if (!id.has_value()) {
          return responder->Respond(200, kJson, OpenAiModelListJson(*listed));
        }
        for (const v1::Model& model : listed->data()) {
          if (model.id() == *id) {
            return responder->Respond(200, kJson, OpenAiModelJson(model));
          }
        }
        responder->Respond(
            404, kJson,
            OpenAiErrorJson(absl::StrCat("model '", *id, "' does not exist"),
                            "invalid_request_error", "model",
                            "model_not_found"));
      });
}

void OpenAiFront::Fail(const absl::Status& status,
                       HttpResponder& responder) const {
  OpenAiError error = OpenAiErrorFor(status);
  HttpHeaderList headers;
  if (error.retry_after)
    headers.emplace_back("retry-after", *error.retry_after);
  responder.Respond(error.http_status, kJson,
                    OpenAiErrorJson(redactor_.Redact(status.message()),
                                    error.type, error.param, error.code),
                    std::move(headers));
}

}  // namespace literllm
