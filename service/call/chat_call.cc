#include "service/call/chat_call.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "providers/http/provider_failure.h"
#include "service/call/answer_record.h"
#include "service/call/attempt_budget.h"
#include "service/call/trace_context.h"
#include "service/call/upstream_answer.h"
#include "service/call/usage_cost.h"
#include "service/routing/router.h"

namespace literllm {

ChatCall::ChatCall(const CallServices& services, CallContext context,
                   const v1::ChatCompletionRequest& request, ChatSink& sink)
    : services_(services),
      context_(std::move(context)),
      request_(request),
      sink_(sink),
      start_(absl::Now()),
      deadline_(
          std::min(context_.deadline, start_ + services.max_call_duration)),
      transfer_(services.transport) {
  context_.cancelled = &cancelled_;
}

void ChatCall::LogAttemptStart(const HttpRequest& http) {
  const CallTarget& target = attempts_->target();
  AttemptRecord& attempt = attempt_log_.emplace_back();
  attempt.provider = target.provider->config().name;
  attempt.deployment = target.Name();
  attempt.start = absl::Now();
  ServerOfUrl(http.url, attempt.server_address, attempt.server_port);
}

void ChatCall::LogAttemptEnd(const absl::Status& result) {
  if (attempt_log_.empty()) return;
  AttemptRecord& attempt = attempt_log_.back();
  attempt.end = absl::Now();
  attempt.http_status = head_.status;
  attempt.status = result;
}

void ChatCall::Start() {
  services_.policies.Admit(context_, request_, [this](absl::Status status) {
    Admitted(std::move(status));
  });
}

void ChatCall::Admitted(absl::Status status) {
  if (!status.ok()) return End(std::move(status));
  admitted_ = true;
  if (cancelled_.load()) return End(absl::CancelledError("cancelled"));
  absl::StatusOr<AttemptBudget> budget =
      ReadAttemptBudget(services_.retries, context_, request_);
  if (!budget.ok()) return End(budget.status());
  absl::StatusOr<ChatRoute> route =
      RouteChat(services_.providers, services_.balancer, request_);
  if (!route.ok()) return End(route.status());
  attempts_.emplace(std::move(route->targets),
                    std::move(route->context_fallback), services_.retries,
                    budget->max_retries, budget->attempt_timeout, deadline_);
  StartAttempt();
}

void ChatCall::StartAttempt() {
  const CallTarget& target = attempts_->target();
  attempt_deadline_ = attempts_->Start(absl::Now());
  absl::StatusOr<HttpRequest> http = target.provider->chat()->BuildChatRequest(
      request_, target.model, context_.stream);
  if (!http.ok()) {
    attempts_->Ended(http.status(), absl::Now());
    return End(http.status());
  }
  target.provider->chat()->AddCallerHeaders(context_.metadata, *http);
  head_ = HttpResponseHead();
  LogAttemptStart(*http);
  if (context_.trace.valid()) {
    // The provider's side of the trace hangs under this attempt's span, or
    // under the caller's when the gateway records no span of its own.
    std::string parent = context_.trace.parent_span_id;
    if (!context_.trace.span_id.empty()) {
      parent = attempt_log_.back().span_id = NewSpanId();
    }
    http->headers.emplace_back("traceparent",
                               FormatTraceparent(context_.trace, parent));
    if (!context_.trace.tracestate.empty()) {
      http->headers.emplace_back("tracestate", context_.trace.tracestate);
    }
  }
  body_.clear();
  too_large_ = false;
  stream_error_ = absl::OkStatus();
  if (context_.stream) {
    framer_ = NewStreamFramer(target.provider->chat()->stream_framing());
    decoder_ = target.provider->chat()->NewStreamDecoder();
  }
  // The transport may run the whole transfer, and the call end, on its own
  // thread before Start returns here (an admission answered on the Redis
  // thread, a retry on a timer's): the sink, which may delete this call,
  // hears of the end only after this thread is out of it.
  {
    absl::MutexLock lock(&mu_);
    ++starting_;
  }
  transfer_.Start(*std::move(http), attempt_deadline_, this);
  std::optional<absl::Status> deferred;
  {
    absl::MutexLock lock(&mu_);
    if (--starting_ == 0) deferred.swap(deferred_finish_);
  }
  if (deferred.has_value()) Finish(*deferred);
}

void ChatCall::RetryAt(absl::Time when) {
  transfer_.WaitUntil(when, [this](bool cancelled) {
    if (!cancelled) return StartAttempt();
    End(absl::Now() >= deadline_ ? absl::DeadlineExceededError("deadline")
                                 : absl::CancelledError("cancelled"));
  });
}

void ChatCall::Cancel() {
  cancelled_.store(true);
  {
    absl::MutexLock lock(&mu_);
    caller_gone_ = true;
    queue_.clear();
  }
  transfer_.Cancel();
}

void ChatCall::ChunkDone(bool delivered) {
  bool stop_upstream = false;
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!delivered) {
      // The caller is gone: drop what is queued and stop the upstream.
      caller_gone_ = true;
      queue_.clear();
      stop_upstream = !final_.has_value();
    }
  }
  if (stop_upstream) transfer_.Cancel();
  Advance();
}

HttpResponseHandler::BodyAction ChatCall::OnBody(absl::string_view bytes) {
  if (!head_.ok()) return KeepBody(bytes, kMaxErrorBodyBytes);
  if (!context_.stream) return KeepBody(bytes, kMaxBodyBytes);
  return DecodeStream(bytes);
}

HttpResponseHandler::BodyAction ChatCall::KeepBody(absl::string_view bytes,
                                                   size_t limit) {
  if (body_.size() + bytes.size() > limit) {
    if (head_.ok()) {
      too_large_ = true;
      return BodyAction::kAbort;
    }
    bytes = bytes.substr(0, limit - body_.size());  // enough of an error
  }
  body_.append(bytes.data(), bytes.size());
  return BodyAction::kContinue;
}

HttpResponseHandler::BodyAction ChatCall::DecodeStream(
    absl::string_view bytes) {
  {
    absl::MutexLock lock(&mu_);
    if (caller_gone_) return BodyAction::kAbort;
    if (queue_.size() >= kMaxQueuedChunks) {
      paused_ = true;
      return BodyAction::kPause;  // the same bytes come again after Resume
    }
  }
  std::vector<v1::ChatCompletionChunk> chunks;
  stream_error_ = Decode(bytes, chunks);
  if (!chunks.empty()) Answered();
  {
    absl::MutexLock lock(&mu_);
    for (auto& chunk : chunks) queue_.push_back(std::move(chunk));
  }
  BodyAction action =
      stream_error_.ok() ? BodyAction::kContinue : BodyAction::kAbort;
  Advance();
  return action;
}

absl::Status ChatCall::Decode(absl::string_view bytes,
                              std::vector<v1::ChatCompletionChunk>& chunks) {
  events_.clear();
  framer_->Feed(bytes, events_);
  for (const StreamEvent& event : events_) {
    absl::Status status = decoder_->Decode(event, chunks);
    if (!status.ok()) return status;
  }
  for (v1::ChatCompletionChunk& chunk : chunks) {
    CountUsage(chunk);
    answer_record_.Note(chunk, context_.capture_content);
  }
  return absl::OkStatus();
}

template <typename Answer>
void ChatCall::CountUsage(Answer& answer) {
  if (!answer.has_usage()) return;
  const CallTarget& target = attempts_->target();
  SetEstimatedCost(services_.prices, target.provider->config(), target.model,
                   answer);
  usage_ = answer.usage();
  if (answer.has_estimated_cost_usd()) cost_usd_ = answer.estimated_cost_usd();
}

void ChatCall::Answered() {
  if (answered_) return;
  answered_ = true;
  time_to_first_token_ = absl::Now() - start_;
}

void ChatCall::OnComplete(absl::Status status) {
  absl::Status result =
      context_.stream ? StreamResult(status) : UnaryResult(status);
  attempts_->Ended(result, absl::Now());
  LogAttemptEnd(result);
  if (result.ok()) return End(absl::OkStatus());
  // Nothing reached the caller yet: the call may start over, elsewhere too;
  // once a chunk was queued it is never replayed. A timeout once the answer
  // began is not retried: it was slow, not lost.
  bool began = head_.status != 0;
  if (!answered_ &&
      !(began && FailureKindOf(result) == FailureKind::kTimeout)) {
    if (std::optional<absl::Time> next =
            attempts_->AfterFailure(result, absl::Now())) {
      return RetryAt(*next);
    }
  }
  End(std::move(result));
}

absl::Status ChatCall::UnaryResult(const absl::Status& transfer) {
  const CallTarget& target = attempts_->target();
  const ProviderConfig& config = target.provider->config();
  if (too_large_) {
    return ProviderFailure(
        FailureKind::kMalformedAnswer, config.name,
        absl::StrCat("response larger than ", kMaxBodyBytes, " bytes"));
  }
  absl::Status error = UpstreamError(*target.provider, transfer, head_, body_,
                                     attempt_deadline_);
  if (!error.ok()) return error;
  absl::StatusOr<v1::ChatCompletionResponse> parsed =
      target.provider->chat()->ParseChatResponse(body_);
  if (!parsed.ok()) return parsed.status();
  CountUsage(*parsed);
  answer_record_.Note(*parsed, context_.capture_content);
  Answered();
  response_ = *std::move(parsed);
  return absl::OkStatus();
}

absl::Status ChatCall::StreamResult(const absl::Status& transfer) {
  if (!stream_error_.ok()) return stream_error_;
  absl::Status error = UpstreamError(*attempts_->target().provider, transfer,
                                     head_, body_, attempt_deadline_);
  return error.ok() ? decoder_->Finish() : error;
}

void ChatCall::End(absl::Status status) {
  // One deadline rule for every call: a failure once the deadline passed is
  // the deadline's, whatever the last attempt said.
  if (!status.ok() && absl::Now() >= deadline_ &&
      FailureKindOf(status) != FailureKind::kTimeout) {
    status = WithFailureKind(status, FailureKind::kTimeout);
  }
  {
    absl::MutexLock lock(&mu_);
    final_ = std::move(status);
  }
  Advance();
}

void ChatCall::Advance() {
  enum { kNothing, kChunk, kFinish } action = kNothing;
  bool resume = false;
  const v1::ChatCompletionChunk* chunk = nullptr;
  absl::Status final_status;
  {
    absl::MutexLock lock(&mu_);
    if (writing_ || finished_) return;
    if (!queue_.empty()) {
      in_flight_ = std::move(queue_.front());
      queue_.pop_front();
      chunk = &in_flight_;
      writing_ = true;
      action = kChunk;
      if (paused_ && queue_.size() < kMaxQueuedChunks / 2) {
        paused_ = false;
        resume = true;
      }
    } else if (final_.has_value()) {
      finished_ = true;
      if (starting_ > 0) {
        deferred_finish_ = *final_;  // StartAttempt finishes on its way out
        return;
      }
      final_status = *final_;
      action = kFinish;
    }
  }
  if (resume) transfer_.Resume();
  if (action == kChunk) {
    sink_.OnChunk(*chunk);
  } else if (action == kFinish) {
    Finish(final_status);
  }
}

void ChatCall::Finish(const absl::Status& status) {
  services_.policies.Finished(Outcome(status));
  if (status.ok() && response_.has_value()) {
    sink_.OnResponse(*std::move(response_));
  }
  sink_.OnFinish(status);  // last: the sink may delete this call
}

CallOutcome ChatCall::Outcome(const absl::Status& status) {
  CallOutcome outcome;
  outcome.context = &context_;
  outcome.model = request_.model();
  if (attempts_.has_value() && attempts_->started() > 0) {
    const CallTarget& target = attempts_->target();
    outcome.provider = target.provider->config().name;
    outcome.deployment = target.Name();
    outcome.attempts = attempts_->started();
  }
  outcome.status = status;
  outcome.admitted = admitted_;
  outcome.latency = absl::Now() - start_;
  outcome.time_to_first_token = time_to_first_token_;
  outcome.usage = usage_;
  outcome.cost_usd = cost_usd_;
  outcome.start = start_;
  outcome.request = &request_;
  answer_record_.Fill(outcome);
  outcome.attempt_log = std::move(attempt_log_);
  for (const AttemptRecord& attempt : outcome.attempt_log) {
    // An attempt cut short by the call's end (a cancelled stream) counts
    // until now.
    absl::Time end = attempt.end == absl::Time() ? absl::Now() : attempt.end;
    outcome.upstream_time += end - attempt.start;
  }
  return outcome;
}

}  // namespace literllm
