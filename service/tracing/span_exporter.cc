#include "service/tracing/span_exporter.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/telemetry/log.h"

namespace literllm {

SpanExporter::SpanExporter(HttpTransport& transport, Options options)
    : transport_(transport), options_(std::move(options)) {}

SpanExporter::~SpanExporter() { Shutdown(absl::ZeroDuration()); }

void SpanExporter::Drop(uint64_t n) { dropped_.fetch_add(n); }

void SpanExporter::Export(std::vector<Span> spans) {
  if (spans.empty()) return;
  QueuedCall call{std::string(), spans.size()};
  call.encoded.reserve(1024);
  AppendEncodedSpans(spans, call.encoded);
  spans.clear();
  const absl::Time now = absl::Now();
  absl::MutexLock lock(&mu_);
  // All of a call's spans or none: a trace with holes misleads more than
  // a missing one.
  if (stopped_ || queued_spans_ + call.spans > options_.max_queue) {
    Drop(call.spans);
    return;
  }
  if (queue_.empty()) first_queued_ = now;
  queued_spans_ += call.spans;
  queue_.push_back(std::move(call));
  if (exporting_) return;  // the request's end schedules the next batch
  ArmLocked(queued_spans_ >= options_.max_batch
                ? now
                : first_queued_ + options_.schedule_delay);
}

void SpanExporter::ArmLocked(absl::Time when) {
  if (alarm_at_ <= when) return;  // the timer fires by then anyway
  alarm_at_ = when;
  if (alarms_pending_ > 0) {
    // Only ever brought forward to "now": a cancelled alarm runs its
    // callback at once, which sends the batch.
    alarm_->Cancel();
    return;
  }
  // An alarm fires once; each wait gets a new one. Replacing one whose
  // callback is running is safe: gRPC keeps it alive until it returns.
  alarm_ = std::make_unique<grpc::Alarm>();
  ++alarms_pending_;
  alarm_->Set(absl::ToChronoTime(when), [this](bool) { OnTimer(); });
}

bool SpanExporter::BatchDueLocked(absl::Time now) const {
  return flushing_ || queued_spans_ >= options_.max_batch ||
         now >= first_queued_ + options_.schedule_delay;
}

void SpanExporter::OnTimer() {
  std::vector<std::string> batch;
  size_t spans = 0;
  uint64_t sequence = 0;
  {
    absl::MutexLock lock(&mu_);
    --alarms_pending_;
    alarm_at_ = absl::InfiniteFuture();
    if (stopped_ || exporting_ || queue_.empty()) return;
    if (!BatchDueLocked(absl::Now())) {
      ArmLocked(first_queued_ + options_.schedule_delay);
      return;
    }
    // Whole calls up to a batch (at least one); what is left is overdue:
    // it goes when this request ends.
    while (!queue_.empty() && (batch.empty() || spans + queue_.front().spans <=
                                                    options_.max_batch)) {
      spans += queue_.front().spans;
      batch.push_back(std::move(queue_.front().encoded));
      queue_.pop_front();
    }
    queued_spans_ -= spans;
    exporting_ = true;
    in_flight_ = spans;
    sequence = ++sequence_;
  }
  // Joining the batch runs here on a timer thread, never under the lock.
  HttpRequest request;
  request.url = options_.endpoint;
  request.headers = options_.headers;
  request.headers.emplace_back("content-type", "application/x-protobuf");
  request.body = WrapEncodedSpans(options_.source, batch);
  batch.clear();
  requests_.fetch_add(1);
  TransferId id = transport_.Start(std::move(request),
                                   absl::Now() + options_.timeout, this);
  bool cancel = false;
  {
    absl::MutexLock lock(&mu_);
    if (exporting_ && sequence_ == sequence) {
      transfer_ = id;
      cancel = stopped_;  // shutdown came while the request was being made
    }
  }
  if (cancel) transport_.Cancel(id);
}

void SpanExporter::OnHead(const HttpResponseHead& head) {
  http_status_ = head.status;
}

HttpResponseHandler::BodyAction SpanExporter::OnBody(absl::string_view) {
  return BodyAction::kContinue;  // a partial-success note at most
}

void SpanExporter::OnComplete(absl::Status status) {
  const int http_status = http_status_;
  http_status_ = 0;
  const bool ok = status.ok() && http_status >= 200 && http_status <= 299;
  size_t spans = 0;
  bool changed = false;
  {
    absl::MutexLock lock(&mu_);
    spans = in_flight_;
    in_flight_ = 0;
    exporting_ = false;
    transfer_ = 0;
    changed = failing_ == ok;
    failing_ = !ok;
    // Counted before the lock goes: Shutdown returns once it sees the
    // request ended, and its caller reads the counts.
    if (ok) {
      exported_.fetch_add(spans);
    } else {
      Drop(spans);
    }
    ScheduleNextLocked();
  }
  // Once per change, not per batch: a collector that is down would
  // otherwise fill the log.
  if (changed && !ok) {
    Log("warn", "trace export failed; spans are dropped until it works",
        {{"endpoint_status", status.ok() ? absl::StrCat("HTTP ", http_status)
                                         : std::string(status.message())},
         {"spans", absl::StrCat(spans)}});
  } else if (changed) {
    Log("info", "trace export works again");
  }
}

void SpanExporter::ScheduleNextLocked() {
  if (stopped_ || queue_.empty()) return;
  const absl::Time now = absl::Now();
  ArmLocked(BatchDueLocked(now) ? now
                                : first_queued_ + options_.schedule_delay);
}

void SpanExporter::Shutdown(absl::Duration wait) {
  const absl::Time deadline = absl::Now() + wait;
  TransferId cancel = 0;
  {
    absl::MutexLock lock(&mu_);
    if (!stopped_) {
      flushing_ = true;
      if (!exporting_ && !queue_.empty()) ArmLocked(absl::Now());
      auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return queue_.empty() && !exporting_;
      };
      mu_.AwaitWithDeadline(absl::Condition(&idle), deadline);
      stopped_ = true;
      Drop(queued_spans_);
      queue_.clear();
      queued_spans_ = 0;
    }
    cancel = transfer_;
    if (alarms_pending_ > 0) alarm_->Cancel();
  }
  if (cancel != 0) transport_.Cancel(cancel);
  // Both end at once now: the transport completes a cancelled transfer,
  // gRPC runs a cancelled alarm's callback.
  absl::MutexLock lock(&mu_);
  auto quiet = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !exporting_ && alarms_pending_ == 0;
  };
  mu_.Await(absl::Condition(&quiet));
}

}  // namespace literllm
