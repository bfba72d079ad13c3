#ifndef LITERLLM_SERVICE_TRACING_SPAN_EXPORTER_H_
#define LITERLLM_SERVICE_TRACING_SPAN_EXPORTER_H_

#include <grpcpp/alarm.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "providers/http/transport.h"
#include "service/tracing/otlp_encoder.h"
#include "service/tracing/span.h"

namespace literllm {

// Sends spans to an OTLP/HTTP collector in batches, as the OpenTelemetry
// batch span processor does, without ever holding up a call:
//  - Export() encodes a call's spans on the calling thread, while they are
//    fresh (and frees them there), then only queues the bytes (a short
//    lock); a full queue drops the spans and counts them;
//  - a batch leaves when max_batch spans wait, or schedule_delay after the
//    first of them came; one export request is in flight at a time;
//  - a gRPC timer thread joins the queued bytes into a request, which goes
//    through the server's HttpTransport (the curl event loop), so no
//    thread is added;
//  - a batch the collector does not take (non-2xx, timeout, connection
//    refused) is dropped and counted, not retried: a collector that is down
//    or slow costs spans, never calls.
// Thread-safe. The transport must outlive the exporter.
class SpanExporter final : private HttpResponseHandler {
 public:
  struct Options {
    std::string endpoint;  // the full URL, e.g. http://host:4318/v1/traces
    std::vector<std::pair<std::string, std::string>> headers;
    absl::Duration timeout = absl::Seconds(10);  // per export request
    absl::Duration schedule_delay = absl::Seconds(5);
    size_t max_queue = 2048;
    size_t max_batch = 512;
    SpanSource source;
  };

  SpanExporter(HttpTransport& transport, Options options);
  // Drops what was not sent (Shutdown first to send it) and waits for the
  // request in flight and the timer to finish.
  ~SpanExporter() override;

  SpanExporter(const SpanExporter&) = delete;
  SpanExporter& operator=(const SpanExporter&) = delete;

  // Queues `spans` (the spans of one call) for export; from any thread.
  void Export(std::vector<Span> spans) ABSL_LOCKS_EXCLUDED(mu_);

  // Sends what is queued, waiting at most `wait`; afterwards spans are
  // dropped (and counted). Once, after the last call ended and before the
  // transport stops.
  void Shutdown(absl::Duration wait) ABSL_LOCKS_EXCLUDED(mu_);

  // Spans that never reached the collector: queue full, export failed,
  // left over at shutdown.
  uint64_t spans_dropped() const { return dropped_.load(); }
  // Spans the collector accepted (a 2xx answer).
  uint64_t spans_exported() const { return exported_.load(); }
  // Export requests sent so far, answered or not.
  uint64_t requests_sent() const { return requests_.load(); }

 private:
  // Sets the timer to fire at `when` (now: at once) unless it already fires
  // by then.
  void ArmLocked(absl::Time when) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The timer: sends a batch if one is due, else sets the timer again.
  void OnTimer() ABSL_LOCKS_EXCLUDED(mu_);
  bool BatchDueLocked(absl::Time now) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // After a request ended: the next batch, now or later.
  void ScheduleNextLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Drop(uint64_t n);

  // HttpResponseHandler, for the one export request in flight (curl loop).
  void OnHead(const HttpResponseHead& head) override;
  BodyAction OnBody(absl::string_view bytes) override;
  void OnComplete(absl::Status status) override;

  HttpTransport& transport_;
  const Options options_;

  absl::Mutex mu_;
  // The encoded spans of each queued call, oldest first, and how many spans
  // they hold in all.
  struct QueuedCall {
    std::string encoded;
    size_t spans = 0;
  };
  std::deque<QueuedCall> queue_ ABSL_GUARDED_BY(mu_);
  size_t queued_spans_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time first_queued_ ABSL_GUARDED_BY(mu_);  // of those in queue_
  std::unique_ptr<grpc::Alarm> alarm_ ABSL_GUARDED_BY(mu_);
  absl::Time alarm_at_ ABSL_GUARDED_BY(mu_) = absl::InfiniteFuture();
  int alarms_pending_ ABSL_GUARDED_BY(mu_) = 0;  // callbacks still to run
  bool exporting_ ABSL_GUARDED_BY(mu_) = false;  // a batch is in flight
  TransferId transfer_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t sequence_ ABSL_GUARDED_BY(mu_) = 0;  // numbers export requests
  size_t in_flight_ ABSL_GUARDED_BY(mu_) = 0;   // spans in the request
  bool flushing_ ABSL_GUARDED_BY(mu_) = false;  // send without waiting
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;   // drop whatever comes
  bool failing_ ABSL_GUARDED_BY(mu_) = false;   // the last export failed
  int http_status_ = 0;  // of the request in flight; curl loop only

  std::atomic<uint64_t> dropped_{0};
  std::atomic<uint64_t> exported_{0};
  std::atomic<uint64_t> requests_{0};
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_SPAN_EXPORTER_H_
