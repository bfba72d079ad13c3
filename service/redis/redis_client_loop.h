#ifndef LITERLLM_SERVICE_REDIS_REDIS_CLIENT_LOOP_H_
#define LITERLLM_SERVICE_REDIS_REDIS_CLIENT_LOOP_H_

#include <hiredis/async.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "boost/asio/executor_work_guard.hpp"
#include "boost/asio/io_context.hpp"
#include "boost/asio/steady_timer.hpp"
#include "service/redis/hiredis_asio_adapter.h"
#include "service/redis/redis_client.h"

namespace literllm {

// RedisClient's insides: the loop thread, the one hiredis connection and
// the commands in flight on it. Members below `loop thread only` are touched
// by handlers on the io_context alone, so they need no lock.
class RedisClient::Loop {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr absl::Duration kFirstReconnectDelay = absl::Milliseconds(50);

  explicit Loop(Options options);
  ~Loop();

  ScriptId AddScript(std::string source);
  void OnConnected(absl::AnyInvocable<void()> hook);
  void After(absl::Duration delay, absl::AnyInvocable<void()> fn);
  void Start();
  void Stop();
  // From any thread. argv of an Eval is {"EVALSHA", "", numkeys, ...}: the
  // loop fills in the SHA (or the source).
  void Submit(std::vector<std::string> argv, int script, Callback done);
  bool connected() const { return connected_.load(std::memory_order_acquire); }

 private:
  enum class State { kIdle, kRunning, kStopping, kStopped };

  // A command handed over by Submit, waiting for the loop.
  struct Submission {
    std::vector<std::string> argv;
    int script;
    Callback done;
  };

  // One command sent to Redis. hiredis holds it (as privdata) until it
  // calls back with the reply, or with none when the context ends, so a
  // command that timed out stays here, finished, until then.
  struct Record {
    Callback done;
    Clock::time_point deadline = Clock::time_point::max();
    bool finished = false;
    int script = -1;  // an Eval: resent as EVAL on NOSCRIPT, once
    bool retried = false;
    std::vector<std::string> argv;  // an Eval's, for that resend
  };

  // Connection life cycle (redis_connection.cc).
  void Connect();
  void OnConnect(int status);
  void Handshake();
  void OnHandshakeReply(uint64_t attempt, absl::string_view step, int script,
                        absl::StatusOr<RedisReply> reply);
  void MarkReady();
  void Drop(std::string reason);
  void OnContextGone();
  void ReportDown(absl::string_view message);
  void ScheduleReconnect();
  void Shutdown();

  // Commands (redis_client.cc).
  void DrainInbox();
  void Send(std::vector<std::string> argv, int script, Callback done);
  void Issue(std::unique_ptr<Record> record,
             const std::vector<std::string>& argv);
  static void OnReplyThunk(redisAsyncContext* ac, void* reply, void* privdata);
  void OnReply(const redisAsyncContext* ac, const redisReply* reply,
               Record* raw);
  std::unique_ptr<Record> TakePending(Record* raw);
  absl::Status LostStatus(const redisAsyncContext* ac) const;
  void Finish(Record& record, absl::StatusOr<RedisReply> result);
  void ArmSweep(Clock::time_point at);
  void Sweep();

  const Options options_;
  const std::string address_;         // host:port, for messages and logs
  std::vector<std::string> scripts_;  // fixed once started
  std::vector<absl::AnyInvocable<void()>> on_connected_;  // fixed once started

  boost::asio::io_context io_;
  redis_internal::HiredisAsioAdapter adapter_;
  boost::asio::steady_timer connect_timer_;
  boost::asio::steady_timer reconnect_timer_;
  boost::asio::steady_timer sweep_timer_;
  std::optional<
      boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
      work_;
  std::thread thread_;

  absl::Mutex stop_mu_;  // one Stop at a time, held until joined
  absl::Mutex mu_;
  State state_ ABSL_GUARDED_BY(mu_) = State::kIdle;
  // Submitted, not yet sent; the loop takes them all at once.
  std::vector<Submission> inbox_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> connected_{false};

  // Loop thread only.
  redisAsyncContext* ac_ = nullptr;
  uint64_t attempt_ = 0;  // connection attempts so far
  bool ready_ = false;    // handshake done; connected_ mirrors it
  bool freeing_ = false;  // Drop asked hiredis to free ac_
  bool stopping_ = false;
  bool reported_down_ = false;  // logged since the last transition
  int handshake_left_ = 0;
  std::string teardown_reason_;  // why the current context is ending
  std::string last_error_ = "no connection yet";
  absl::Duration backoff_;
  std::vector<std::string> shas_;
  std::deque<std::unique_ptr<Record>> pending_;  // in send order
  // After's timers, cancelled when stopping.
  absl::flat_hash_set<std::shared_ptr<boost::asio::steady_timer>> timers_;
  bool sweep_armed_ = false;
  Clock::time_point sweep_at_;
  int consecutive_timeouts_ = 0;
  Clock::time_point last_progress_;  // the last reply, or ready
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_REDIS_REDIS_CLIENT_LOOP_H_
