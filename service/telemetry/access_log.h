#ifndef LITERLLM_SERVICE_TELEMETRY_ACCESS_LOG_H_
#define LITERLLM_SERVICE_TELEMETRY_ACCESS_LOG_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace literllm {

// Where access-log lines go, without a call ever waiting on a write: Write
// only queues the line (bounded; when full, the line is dropped and counted)
// and one writer thread, started once by Start, writes and flushes what is
// queued every `flush_interval`, or as soon as a quarter of the queue is
// used. Stop writes what is queued and joins the writer.
//
// On stdout the lines go through the same stdio stream as the server's log
// (service/telemetry/log.h), one fwrite per batch of whole lines: stdio
// locks the stream per call, so lines of both never mix mid-line.
//
// Write may be called from any thread, before Start (lines wait in the
// queue) and after Stop (lines are dropped); Start and Stop from one.
class AccessLog {
 public:
  struct Options {
    // Lines queued at most; beyond, new lines are dropped.
    size_t max_queued_lines = 16384;
    // How long a written line may sit in the stream's buffer.
    absl::Duration flush_interval = absl::Milliseconds(250);
  };

  explicit AccessLog(Options options);
  AccessLog() : AccessLog(Options()) {}
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;
  ~AccessLog();  // Stop

  // Starts the writer on "stdout", "stderr", or the file at `destination`
  // (created, or appended to). An error names the file that cannot be
  // opened.
  absl::Status Start(absl::string_view destination);
  // Starts the writer on `out`, closed at Stop when `close_at_stop`.
  void Start(FILE* out, bool close_at_stop);

  // Queues one line (without its newline). Never blocks on I/O.
  void Write(std::string line);

  // Writes every queued line, flushes, and joins the writer. Idempotent.
  void Stop();

  // Lines dropped: queue full, written after Stop, or failed to write.
  uint64_t dropped() const;
  // Lines handed to the stream.
  uint64_t written() const;

 private:
  void Run();
  size_t WakeAt() const {
    return options_.max_queued_lines / 4 > 0 ? options_.max_queued_lines / 4
                                             : 1;
  }
  // Writes `lines` in chunks of whole lines; counts what failed as dropped.
  void WriteLines(const std::vector<std::string>& lines);

  const Options options_;
  FILE* out_ = nullptr;
  bool close_at_stop_ = false;
  std::thread writer_;

  mutable absl::Mutex mu_;
  absl::CondVar wake_;  // the queue is filling up, or stopping
  std::vector<std::string> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t dropped_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t written_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TELEMETRY_ACCESS_LOG_H_
