#include "service/chat_reactor.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/grpc_status.h"
#include "service/usage_cost.h"

namespace literllm {

ChatReactor::ChatReactor(const Gateway& gateway,
                         grpc::CallbackServerContext* context,
                         const v1::ChatCompletionRequest* request,
                         v1::ChatCompletionResponse* response)
    : gateway_(gateway),
      context_(context),
      request_(request),
      response_(response),
      deadline_(CallDeadline(gateway, *context)),
      transfer_(gateway.transport) {
  absl::StatusOr<ChatRoute> route =
      RouteChat(gateway, *context, *request, false);
  if (!route.ok()) {
    Reply(route.status());
    return;
  }
  attempts_.emplace(std::move(route->targets),
                    std::move(route->context_fallback), gateway.retries,
                    route->max_retries, route->attempt_timeout, deadline_);
  StartAttempt(std::move(route->first));
}

void ChatReactor::StartAttempt(HttpRequest http) {
  head_ = HttpResponseHead();
  body_.clear();
  too_large_ = false;
  attempt_deadline_ = attempts_->Start(absl::Now());
  transfer_.Start(std::move(http), attempt_deadline_, this);
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
  const Provider& provider = *attempts_->target().provider;
  if (too_large_) {
    attempts_->Ended(absl::InternalError("too large"), absl::Now());
    Reply(absl::InternalError(absl::StrCat(provider.config().name,
                                           ": response larger than ",
                                           kMaxBodyBytes, " bytes")));
    return;
  }
  absl::Status error =
      UpstreamError(provider, status, head_, body_, attempt_deadline_);
  if (!error.ok()) {
    attempts_->Ended(error, absl::Now());
    Retry(error);
    return;
  }
  absl::StatusOr<v1::ChatCompletionResponse> parsed =
      provider.ParseChatResponse(body_);
  attempts_->Ended(parsed.status(), absl::Now());
  if (!parsed.ok()) {
    Reply(parsed.status());
    return;
  }
  *response_ = *std::move(parsed);
  SetEstimatedCost(gateway_.prices, provider.config(),
                   attempts_->target().model, *response_);
  Reply(absl::OkStatus());
}

void ChatReactor::Retry(const absl::Status& error) {
  // A timeout once the answer began is not retried: it was slow, not lost.
  bool answer_began = head_.status != 0;
  std::optional<absl::Time> next;
  if (!(answer_began && absl::IsDeadlineExceeded(error))) {
    next = attempts_->AfterFailure(error, absl::Now());
  }
  if (!next.has_value()) {
    Reply(absl::IsDeadlineExceeded(error) || absl::Now() < deadline_
              ? error
              : absl::DeadlineExceededError(error.message()));
    return;
  }
  StartNextAttempt(
      transfer_, *attempts_, *request_, /*stream=*/false, *next, deadline_,
      [this](HttpRequest http) { StartAttempt(std::move(http)); },
      [this](const absl::Status& status) { Reply(status); });
}

void ChatReactor::Reply(const absl::Status& status) {
  gateway_.stats.Record(status.code());
  Finish(ToGrpcStatus(status, gateway_.redactor, context_));
}

}  // namespace literllm
