// RedisClient::Loop's connection life cycle: connect, handshake (AUTH,
// SELECT, SCRIPT LOAD), ready, lost, reconnect with backoff, shutdown.
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "service/redis/redis_client_loop.h"
#include "service/telemetry/log.h"

namespace literllm {
namespace {

std::chrono::nanoseconds ToChrono(absl::Duration d) {
  return absl::ToChronoNanoseconds(d);
}

}  // namespace

void RedisClient::Loop::Connect() {
  if (stopping_) return;
  ++attempt_;
  freeing_ = false;
  teardown_reason_.clear();
  // A host name is resolved here, on the loop thread; IP addresses are the
  // expected configuration.
  redisAsyncContext* ac =
      redisAsyncConnect(options_.endpoint.host.c_str(), options_.endpoint.port);
  std::string error;
  if (ac == nullptr) {
    error = "out of memory";
  } else if (ac->err != 0) {
    error = ac->errstr;
  } else if (absl::Status attached = adapter_.Attach(ac); !attached.ok()) {
    error = std::string(attached.message());
  }
  if (!error.empty()) {
    if (ac != nullptr) redisAsyncFree(ac);
    last_error_ = std::move(error);
    ReportDown("redis unavailable");
    ScheduleReconnect();
    return;
  }
  ac_ = ac;
  ac->data = this;
  redisAsyncSetConnectCallback(ac, [](const redisAsyncContext* ac, int status) {
    static_cast<Loop*>(ac->data)->OnConnect(status);
  });
  connect_timer_.expires_after(ToChrono(options_.connect_timeout));
  connect_timer_.async_wait(
      [this, attempt = attempt_](const boost::system::error_code& ec) {
        if (ec || attempt != attempt_ || ready_) return;
        Drop(absl::StrCat("not connected within ",
                          absl::FormatDuration(options_.connect_timeout)));
      });
}

void RedisClient::Loop::OnConnect(int status) {
  // On failure hiredis frees the context right after this returns, and
  // OnContextGone records why; freeing it here would be a double free.
  if (status == REDIS_OK) Handshake();
}

// AUTH and SELECT must succeed before the connection takes commands; the
// scripts are loaded in the same round trip.
void RedisClient::Loop::Handshake() {
  struct Step {
    std::vector<std::string> argv;
    absl::string_view name;
    int script;
  };
  std::vector<Step> steps;
  const RedisEndpoint& endpoint = options_.endpoint;
  if (!endpoint.password.empty()) {
    std::vector<std::string> auth = {"AUTH"};
    if (!endpoint.username.empty()) auth.push_back(endpoint.username);
    auth.push_back(endpoint.password);
    steps.push_back({std::move(auth), "AUTH", -1});
  }
  if (endpoint.db != 0) {
    steps.push_back({{"SELECT", absl::StrCat(endpoint.db)}, "SELECT", -1});
  }
  for (size_t i = 0; i < scripts_.size(); ++i) {
    steps.push_back(
        {{"SCRIPT", "LOAD", scripts_[i]}, "SCRIPT LOAD", static_cast<int>(i)});
  }
  handshake_left_ = static_cast<int>(steps.size());
  if (steps.empty()) {
    MarkReady();
    return;
  }
  for (Step& step : steps) {
    auto record = std::make_unique<Record>();
    record->done = [this, attempt = attempt_, name = step.name,
                    script = step.script](absl::StatusOr<RedisReply> reply) {
      OnHandshakeReply(attempt, name, script, std::move(reply));
    };
    Issue(std::move(record), step.argv);
  }
}

void RedisClient::Loop::OnHandshakeReply(uint64_t attempt,
                                         absl::string_view step, int script,
                                         absl::StatusOr<RedisReply> reply) {
  // Replies of a context that is ending carry nothing to act on.
  if (attempt != attempt_ || ac_ == nullptr || freeing_) return;
  if (script >= 0) {
    // A script Redis refuses (a syntax error) is not the connection's
    // fault: its Evals send the source and get the error themselves.
    if (reply.ok()) {
      shas_[script] = reply->string;
    } else {
      shas_[script].clear();
      Log("error", "redis: SCRIPT LOAD failed",
          {{"script", absl::StrCat(script)},
           {"error", std::string(reply.status().message())}});
    }
  } else if (!reply.ok()) {
    Drop(absl::StrCat(step, " failed: ",
                      absl::StripPrefix(reply.status().message(), "redis: ")));
    return;
  }
  if (--handshake_left_ == 0) MarkReady();
}

void RedisClient::Loop::MarkReady() {
  ready_ = true;
  connected_.store(true, std::memory_order_release);
  reported_down_ = false;
  backoff_ = kFirstReconnectDelay;
  consecutive_timeouts_ = 0;
  last_progress_ = Clock::now();
  connect_timer_.cancel();
  Log("info", "redis connected", {{"redis", address_}});
  for (auto& hook : on_connected_) hook();
}

// Safe at the top of a handler and inside a reply callback (hiredis then
// frees after the callback returns); not inside OnConnect.
void RedisClient::Loop::Drop(std::string reason) {
  if (ac_ == nullptr || freeing_) return;
  freeing_ = true;
  teardown_reason_ = std::move(reason);
  connected_.store(false, std::memory_order_release);
  redisAsyncFree(ac_);
}

// hiredis's cleanup hook: the context ends, whatever the cause, and is
// still readable. Pending replies get LostStatus (before or after this).
void RedisClient::Loop::OnContextGone() {
  if (teardown_reason_.empty()) {
    teardown_reason_ = ac_->c.err != 0 ? ac_->c.errstr : "connection closed";
  }
  last_error_ = teardown_reason_;
  ac_ = nullptr;
  connect_timer_.cancel();
  bool was_ready = ready_;
  ready_ = false;
  connected_.store(false, std::memory_order_release);
  if (stopping_) return;
  ReportDown(was_ready ? "redis disconnected" : "redis unavailable");
  ScheduleReconnect();
}

// Once per transition, not once per retry.
void RedisClient::Loop::ReportDown(absl::string_view message) {
  if (reported_down_) return;
  reported_down_ = true;
  Log("warn", message, {{"redis", address_}, {"error", last_error_}});
}

void RedisClient::Loop::ScheduleReconnect() {
  absl::Duration delay = backoff_;
  backoff_ = std::min(backoff_ * 2, options_.max_reconnect_backoff);
  reconnect_timer_.expires_after(ToChrono(delay));
  reconnect_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) Connect();
  });
}

// The last handler: once it returns, nothing is left to run and io_.run()
// returns, so every command posted before it has met its callback.
void RedisClient::Loop::Shutdown() {
  stopping_ = true;
  connect_timer_.cancel();
  reconnect_timer_.cancel();
  sweep_timer_.cancel();
  for (const auto& timer : timers_) timer->cancel();
  if (ac_ != nullptr && !freeing_) {
    freeing_ = true;
    redisAsyncFree(ac_);  // each pending callback gets CANCELLED
  }
  for (auto& record : pending_) Finish(*record, LostStatus(nullptr));
  pending_.clear();
  work_.reset();
}

}  // namespace literllm
