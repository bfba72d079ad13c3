#include "service/telemetry/access_log.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace literllm {
namespace {

// Lines go out in writes of about this size: few system calls under load.
constexpr size_t kChunkBytes = 64 << 10;

}  // namespace

AccessLog::AccessLog(Options options) : options_(std::move(options)) {}

AccessLog::~AccessLog() { Stop(); }

absl::Status AccessLog::Start(absl::string_view destination) {
  if (destination == "stdout") {
    Start(stdout, /*close_at_stop=*/false);
    return absl::OkStatus();
  }
  if (destination == "stderr") {
    Start(stderr, /*close_at_stop=*/false);
    return absl::OkStatus();
  }
  // "a": O_APPEND, so lines of a rotated or shared file are never torn by
  // another writer; "e": not inherited by child processes.
  FILE* file = std::fopen(std::string(destination).c_str(), "ae");
  if (file == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot open the access log file ", destination, ": ",
                     std::strerror(errno)));
  }
  std::setvbuf(file, nullptr, _IOFBF, kChunkBytes);
  Start(file, /*close_at_stop=*/true);
  return absl::OkStatus();
}

void AccessLog::Start(FILE* out, bool close_at_stop) {
  out_ = out;
  close_at_stop_ = close_at_stop;
  writer_ = std::thread([this] { Run(); });
}

void AccessLog::Write(std::string line) {
  absl::MutexLock lock(&mu_);
  if (stopping_ || queue_.size() >= options_.max_queued_lines) {
    ++dropped_;
    return;
  }
  queue_.push_back(std::move(line));
  // The writer sleeps between batches rather than waking for every line (a
  // context switch and a write per call); a filling queue wakes it sooner.
  if (queue_.size() == WakeAt()) wake_.Signal();
}

void AccessLog::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
    wake_.Signal();
  }
  if (writer_.joinable()) writer_.join();
  absl::MutexLock lock(&mu_);
  // Never started: what was queued is lost.
  dropped_ += queue_.size();
  queue_.clear();
  if (close_at_stop_ && out_ != nullptr) std::fclose(out_);
  out_ = nullptr;
}

uint64_t AccessLog::dropped() const {
  absl::MutexLock lock(&mu_);
  return dropped_;
}

uint64_t AccessLog::written() const {
  absl::MutexLock lock(&mu_);
  return written_;
}

void AccessLog::Run() {
  std::vector<std::string> batch;
  for (;;) {
    const absl::Time due = absl::Now() + options_.flush_interval;
    bool stopping = false;
    {
      absl::MutexLock lock(&mu_);
      while (!stopping_ && queue_.size() < WakeAt()) {
        if (wake_.WaitWithDeadline(&mu_, due)) break;  // the interval is up
      }
      batch.swap(queue_);
      stopping = stopping_;
    }
    if (!batch.empty()) {
      WriteLines(batch);
      batch.clear();
      std::fflush(out_);
    }
    // Write refuses lines once stopping_ is set: the batch was the last.
    if (stopping) return;
  }
}

void AccessLog::WriteLines(const std::vector<std::string>& lines) {
  std::string chunk;
  chunk.reserve(kChunkBytes + 1024);
  uint64_t in_chunk = 0;
  auto write_chunk = [&] {
    // One fwrite of whole lines: atomic with respect to other users of the
    // stream (stdio's lock), so no line of theirs lands inside one of ours.
    const bool ok =
        std::fwrite(chunk.data(), 1, chunk.size(), out_) == chunk.size();
    if (!ok) std::clearerr(out_);  // try again with the next chunk
    absl::MutexLock lock(&mu_);
    (ok ? written_ : dropped_) += in_chunk;
    chunk.clear();
    in_chunk = 0;
  };
  for (const std::string& line : lines) {
    chunk += line;
    chunk += '\n';
    ++in_chunk;
    if (chunk.size() >= kChunkBytes) write_chunk();
  }
  if (in_chunk > 0) write_chunk();
}

}  // namespace literllm
