#include "service/chat_reactor.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "service/grpc_status.h"
#include "service/usage_cost.h"

namespace literllm {

ChatReactor::ChatReactor(const Gateway& gateway,
                         grpc::CallbackServerContext* context,
                         const v1::ChatCompletionRequest* request,
                         v1::ChatCompletionResponse* response)
    : gateway_(gateway),
      context_(context),
      response_(response),
      deadline_(CallDeadline(gateway, *context)),
      transfer_(gateway.transport) {
  absl::StatusOr<UpstreamCall> call = RouteChat(gateway, *request, false);
  if (!call.ok()) {
    Reply(call.status());
    return;
  }
  provider_ = call->provider;
  model_ = std::move(call->model);
  transfer_.Start(std::move(call->http), deadline_, this);
}

void ChatReactor::OnCancel() { transfer_.Cancel(); }

HttpResponseHandler::BodyAction ChatReactor::OnBody(absl::string_view bytes) {
  if (body_.size() + bytes.size() > kMaxBodyBytes) {
    too_large_ = true;
    return BodyAction::kAbort;
  }
  body_.append(bytes.data(), bytes.size());
  return BodyAction::kContinue;
}

void ChatReactor::OnComplete(absl::Status status) {
  if (too_large_) {
    Reply(absl::InternalError(absl::StrCat(provider_->config().name,
                                           ": response larger than ",
                                           kMaxBodyBytes, " bytes")));
    return;
  }
  if (absl::Status error =
          UpstreamError(*provider_, status, head_, body_, deadline_);
      !error.ok()) {
    Reply(error);
    return;
  }
  absl::StatusOr<v1::ChatCompletionResponse> parsed =
      provider_->ParseChatResponse(body_);
  if (!parsed.ok()) {
    Reply(parsed.status());
    return;
  }
  *response_ = *std::move(parsed);
  SetEstimatedCost(gateway_.prices, provider_->config(), model_, *response_);
  Reply(absl::OkStatus());
}

void ChatReactor::Reply(const absl::Status& status) {
  gateway_.stats.Record(status.code());
  Finish(ToGrpcStatus(status, gateway_.redactor, context_));
}

}  // namespace literllm
