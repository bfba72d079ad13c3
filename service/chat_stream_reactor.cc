#include "service/chat_stream_reactor.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "service/grpc_status.h"
#include "service/usage_cost.h"

namespace literllm {

ChatStreamReactor::ChatStreamReactor(const Gateway& gateway,
                                     grpc::CallbackServerContext* context,
                                     const v1::ChatCompletionRequest* request)
    : gateway_(gateway),
      context_(context),
      request_(request),
      deadline_(CallDeadline(gateway, *context)),
      transfer_(gateway.transport) {
  absl::StatusOr<ChatRoute> route =
      RouteChat(gateway, *context, *request, true);
  if (!route.ok()) {
    EndWith(route.status());
    return;
  }
  attempts_.emplace(std::move(route->targets),
                    std::move(route->context_fallback), gateway.retries,
                    route->max_retries, route->attempt_timeout, deadline_);
  StartAttempt(std::move(route->first));
}

void ChatStreamReactor::StartAttempt(HttpRequest http) {
  decoder_ = attempts_->target().provider->NewStreamDecoder();
  sse_ = SseParser();
  head_ = HttpResponseHead();
  error_body_.clear();
  stream_error_ = absl::OkStatus();
  attempt_deadline_ = attempts_->Start(absl::Now());
  transfer_.Start(std::move(http), attempt_deadline_, this);
}

void ChatStreamReactor::OnCancel() { transfer_.Cancel(); }

void ChatStreamReactor::OnHead(const HttpResponseHead& head) { head_ = head; }

HttpResponseHandler::BodyAction ChatStreamReactor::OnBody(
    absl::string_view bytes) {
  if (!head_.ok()) {
    size_t room = kMaxErrorBodyBytes - error_body_.size();
    error_body_.append(bytes.data(), std::min(room, bytes.size()));
    return BodyAction::kContinue;
  }
  {
    absl::MutexLock lock(&mu_);
    if (caller_gone_) return BodyAction::kAbort;
    if (queue_.size() >= kMaxQueuedChunks) {
      paused_ = true;
      return BodyAction::kPause;  // the same bytes come again after Resume
    }
  }
  std::vector<v1::ChatCompletionChunk> chunks;
  stream_error_ = DecodeEvents(bytes, chunks);
  answered_ |= !chunks.empty();
  {
    absl::MutexLock lock(&mu_);
    for (auto& chunk : chunks) queue_.push_back(std::move(chunk));
  }
  Advance();
  return stream_error_.ok() ? BodyAction::kContinue : BodyAction::kAbort;
}

absl::Status ChatStreamReactor::DecodeEvents(
    absl::string_view bytes, std::vector<v1::ChatCompletionChunk>& chunks) {
  events_.clear();
  sse_.Feed(bytes, events_);
  for (const StreamEvent& event : events_) {
    absl::Status status = decoder_->Decode(event, chunks);
    if (!status.ok()) return status;
  }
  const CallTarget& target = attempts_->target();
  for (v1::ChatCompletionChunk& chunk : chunks) {
    SetEstimatedCost(gateway_.prices, target.provider->config(), target.model,
                     chunk);
  }
  return absl::OkStatus();
}

void ChatStreamReactor::OnComplete(absl::Status status) {
  absl::Status final_status = FinalStatus(std::move(status));
  attempts_->Ended(final_status, absl::Now());
  // Nothing reached the caller yet: the stream may start over, elsewhere too.
  // Once a chunk was queued it is never replayed.
  if (!final_status.ok() && !answered_ &&
      !(head_.status != 0 && absl::IsDeadlineExceeded(final_status))) {
    if (std::optional<absl::Time> next =
            attempts_->AfterFailure(final_status, absl::Now())) {
      RetryAt(*next);
      return;
    }
  }
  {
    absl::MutexLock lock(&mu_);
    final_ = std::move(final_status);
  }
  Advance();
}

void ChatStreamReactor::RetryAt(absl::Time when) {
  StartNextAttempt(
      transfer_, *attempts_, *request_, /*stream=*/true, when, deadline_,
      [this](HttpRequest http) { StartAttempt(std::move(http)); },
      [this](const absl::Status& status) { EndWith(status); });
}

absl::Status ChatStreamReactor::FinalStatus(absl::Status transfer_status) {
  if (!stream_error_.ok()) return stream_error_;
  absl::Status error =
      UpstreamError(*attempts_->target().provider, transfer_status, head_,
                    error_body_, attempt_deadline_);
  return error.ok() ? decoder_->Finish() : error;
}

void ChatStreamReactor::OnWriteDone(bool ok) {
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) {
      // The caller is gone: drop what is queued and stop the upstream.
      caller_gone_ = true;
      queue_.clear();
      if (!final_.has_value()) transfer_.Cancel();
    }
  }
  Advance();
}

void ChatStreamReactor::Advance() {
  enum { kNothing, kWrite, kFinish } action = kNothing;
  bool resume = false;
  absl::Status final_status;
  {
    absl::MutexLock lock(&mu_);
    if (writing_ || finished_) return;
    if (!queue_.empty()) {
      in_flight_ = std::move(queue_.front());
      queue_.pop_front();
      writing_ = true;
      action = kWrite;
      if (paused_ && queue_.size() < kMaxQueuedChunks / 2) {
        paused_ = false;
        resume = true;
      }
    } else if (final_.has_value()) {
      finished_ = true;
      final_status = *final_;
      action = kFinish;
    }
  }
  if (resume) transfer_.Resume();
  if (action == kWrite) {
    StartWrite(&in_flight_);
  } else if (action == kFinish) {
    gateway_.stats.Record(final_status.code());
    Finish(ToGrpcStatus(final_status, gateway_.redactor, context_));
  }
}

void ChatStreamReactor::EndWith(absl::Status status) {
  {
    absl::MutexLock lock(&mu_);
    final_ = std::move(status);
  }
  Advance();
}

}  // namespace literllm
