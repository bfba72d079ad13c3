// RedisClient::Loop's commands: sending, replies, NOSCRIPT recovery and
// the per-command timeouts.
#include <algorithm>
#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "service/redis/redis_client_loop.h"
#include "service/redis/redis_reply.h"
#include "service/telemetry/log.h"

namespace literllm {
namespace {

// Commands that keep timing out with no reply at all for a connect timeout
// mean a peer that is gone without TCP noticing (a paused or partitioned
// Redis): a new connection is then worth trying.
constexpr int kTimeoutsBeforeReconnect = 3;

}  // namespace

void RedisClient::Loop::Send(std::vector<std::string> argv, int script,
                             Callback done) {
  if (stopping_) {
    std::move(done)(absl::CancelledError("redis: client stopped"));
    return;
  }
  if (!ready_) {
    std::move(done)(absl::UnavailableError(
        absl::StrCat("redis: not connected (", address_, "): ", last_error_)));
    return;
  }
  auto record = std::make_unique<Record>();
  record->done = std::move(done);
  record->deadline =
      Clock::now() + absl::ToChronoNanoseconds(options_.command_timeout);
  if (script < 0) {
    Issue(std::move(record), argv);
    return;
  }
  if (static_cast<size_t>(script) >= scripts_.size()) {
    Finish(*record, absl::InvalidArgumentError(
                        absl::StrCat("redis: no script ", script)));
    return;
  }
  record->script = script;
  if (shas_[script].empty()) {  // Redis refused it at SCRIPT LOAD
    argv[0] = "EVAL";
    argv[1] = scripts_[script];
    record->retried = true;
  } else {
    argv[1] = shas_[script];
  }
  record->argv = std::move(argv);
  const std::vector<std::string>& kept = record->argv;
  Issue(std::move(record), kept);
}

void RedisClient::Loop::Issue(std::unique_ptr<Record> record,
                              const std::vector<std::string>& argv) {
  std::vector<const char*> data;
  std::vector<size_t> sizes;
  data.reserve(argv.size());
  sizes.reserve(argv.size());
  for (const std::string& arg : argv) {
    data.push_back(arg.data());
    sizes.push_back(arg.size());
  }
  Record* raw = record.get();
  pending_.push_back(std::move(record));
  if (redisAsyncCommandArgv(ac_, &Loop::OnReplyThunk, raw,
                            static_cast<int>(argv.size()), data.data(),
                            sizes.data()) != REDIS_OK) {
    // The context is ending (hiredis takes no more commands).
    std::unique_ptr<Record> failed = std::move(pending_.back());
    pending_.pop_back();
    Finish(*failed, absl::UnavailableError(absl::StrCat(
                        "redis: connection closing (", address_, ")")));
    return;
  }
  if (raw->deadline != Clock::time_point::max()) ArmSweep(raw->deadline);
}

void RedisClient::Loop::OnReplyThunk(redisAsyncContext* ac, void* reply,
                                     void* privdata) {
  static_cast<Loop*>(ac->data)->OnReply(ac,
                                        static_cast<const redisReply*>(reply),
                                        static_cast<Record*>(privdata));
}

// hiredis calls back once per command: with its reply, or with none when
// the context ends before it came.
void RedisClient::Loop::OnReply(const redisAsyncContext* ac,
                                const redisReply* reply, Record* raw) {
  std::unique_ptr<Record> record = TakePending(raw);
  if (reply == nullptr) {
    Finish(*record, LostStatus(ac));
    return;
  }
  consecutive_timeouts_ = 0;
  last_progress_ = Clock::now();
  if (record->finished) return;  // it timed out: the late reply is dropped
  if (record->script >= 0 && !record->retried &&
      redis_internal::IsNoScript(*reply)) {
    // EVAL caches the script again, so later EVALSHAs find it.
    record->retried = true;
    record->argv[0] = "EVAL";
    record->argv[1] = scripts_[record->script];
    const std::vector<std::string>& kept = record->argv;
    Issue(std::move(record), kept);
    return;
  }
  Finish(*record, redis_internal::ToRedisReply(*reply));
}

std::unique_ptr<RedisClient::Loop::Record> RedisClient::Loop::TakePending(
    Record* raw) {
  // Replies come in send order, so this is nearly always the front.
  auto it = std::find_if(
      pending_.begin(), pending_.end(),
      [raw](const std::unique_ptr<Record>& r) { return r.get() == raw; });
  if (it == pending_.end()) {
    Log("error", "redis: a reply for a command not sent");
    std::abort();
  }
  std::unique_ptr<Record> record = std::move(*it);
  pending_.erase(it);
  return record;
}

absl::Status RedisClient::Loop::LostStatus(const redisAsyncContext* ac) const {
  if (stopping_) return absl::CancelledError("redis: client stopped");
  std::string reason = teardown_reason_;
  if (reason.empty()) {
    reason = ac != nullptr && ac->c.err != 0 ? ac->c.errstr : "connection lost";
  }
  return absl::UnavailableError(
      absl::StrCat("redis: connection lost (", address_, "): ", reason));
}

void RedisClient::Loop::Finish(Record& record,
                               absl::StatusOr<RedisReply> result) {
  if (record.finished) return;
  record.finished = true;
  std::move(record.done)(std::move(result));
}

// One timer for all commands, set for the earliest deadline.
void RedisClient::Loop::ArmSweep(Clock::time_point at) {
  if (sweep_armed_ && sweep_at_ <= at) return;
  sweep_armed_ = true;
  sweep_at_ = at;
  sweep_timer_.expires_at(at);
  sweep_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // re-armed for an earlier deadline, or stopping
    sweep_armed_ = false;
    Sweep();
  });
}

void RedisClient::Loop::Sweep() {
  Clock::time_point now = Clock::now();
  Clock::time_point next = Clock::time_point::max();
  for (const std::unique_ptr<Record>& record : pending_) {
    if (record->finished) continue;
    if (record->deadline <= now) {
      ++consecutive_timeouts_;
      Finish(*record, absl::UnavailableError(absl::StrCat(
                          "redis: no reply within ",
                          absl::FormatDuration(options_.command_timeout))));
    } else {
      next = std::min(next, record->deadline);
    }
  }
  if (next != Clock::time_point::max()) ArmSweep(next);
  if (consecutive_timeouts_ >= kTimeoutsBeforeReconnect &&
      now - last_progress_ >=
          absl::ToChronoNanoseconds(options_.connect_timeout)) {
    Drop(absl::StrCat("no reply for ",
                      absl::FormatDuration(options_.connect_timeout)));
  }
}

}  // namespace literllm
