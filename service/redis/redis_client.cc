#include "service/redis/redis_client.h"

#include <cstdlib>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "boost/asio/post.hpp"
#include "service/redis/redis_client_loop.h"
#include "service/telemetry/log.h"

namespace literllm {
namespace {

[[noreturn]] void Crash(absl::string_view why) {
  Log("error", why);
  std::abort();
}

}  // namespace

RedisClient::Loop::Loop(Options options)
    : options_(std::move(options)),
      address_(
          absl::StrCat(options_.endpoint.host, ":", options_.endpoint.port)),
      adapter_(io_, [this] { OnContextGone(); }),
      connect_timer_(io_),
      reconnect_timer_(io_),
      sweep_timer_(io_),
      backoff_(kFirstReconnectDelay) {}

RedisClient::Loop::~Loop() { Stop(); }

RedisClient::ScriptId RedisClient::Loop::AddScript(std::string source) {
  absl::MutexLock lock(&mu_);
  if (state_ != State::kIdle) Crash("redis: AddScript called after Start");
  scripts_.push_back(std::move(source));
  return static_cast<ScriptId>(scripts_.size() - 1);
}

void RedisClient::Loop::OnConnected(absl::AnyInvocable<void()> hook) {
  absl::MutexLock lock(&mu_);
  if (state_ != State::kIdle) Crash("redis: OnConnected called after Start");
  on_connected_.push_back(std::move(hook));
}

void RedisClient::Loop::Start() {
  absl::MutexLock lock(&mu_);
  if (state_ != State::kIdle) return;
  state_ = State::kRunning;
  shas_.resize(scripts_.size());
  work_.emplace(io_.get_executor());
  boost::asio::post(io_, [this] { Connect(); });
  thread_ = std::thread([this] { io_.run(); });
}

void RedisClient::Loop::Stop() {
  absl::MutexLock serial(&stop_mu_);
  {
    absl::MutexLock lock(&mu_);
    if (state_ == State::kIdle) state_ = State::kStopped;
    if (state_ == State::kStopped) return;
    if (std::this_thread::get_id() == thread_.get_id()) {
      Crash("redis: RedisClient::Stop called from one of its callbacks");
    }
    state_ = State::kStopping;
  }
  // Commands posted before this point run first (and meet `stopping_`).
  boost::asio::post(io_, [this] { Shutdown(); });
  thread_.join();
  absl::MutexLock lock(&mu_);
  state_ = State::kStopped;
}

void RedisClient::Loop::Submit(std::vector<std::string> argv, int script,
                               Callback done) {
  State state;
  {
    absl::MutexLock lock(&mu_);
    state = state_;
    if (state == State::kRunning) {
      // One wake-up of the loop for all commands sent meanwhile: under load
      // the loop drains many at once instead of one post each.
      inbox_.push_back({std::move(argv), script, std::move(done)});
      if (inbox_.size() == 1) boost::asio::post(io_, [this] { DrainInbox(); });
      return;
    }
  }
  // No loop to run it on: the callback runs here, at once.
  std::move(done)(state == State::kIdle
                      ? absl::UnavailableError("redis: client not started")
                      : absl::CancelledError("redis: client stopped"));
}

void RedisClient::Loop::After(absl::Duration delay,
                              absl::AnyInvocable<void()> fn) {
  absl::MutexLock lock(&mu_);
  if (state_ != State::kRunning) return;
  boost::asio::post(io_, [this, delay, fn = std::move(fn)]() mutable {
    if (stopping_) return;
    auto timer = std::make_shared<boost::asio::steady_timer>(
        io_, absl::ToChronoNanoseconds(delay));
    timers_.insert(timer);
    timer->async_wait([this, timer, fn = std::move(fn)](
                          const boost::system::error_code& ec) mutable {
      timers_.erase(timer);
      if (!ec && !stopping_) fn();
    });
  });
}

void RedisClient::Loop::DrainInbox() {
  std::vector<Submission> inbox;
  {
    absl::MutexLock lock(&mu_);
    inbox.swap(inbox_);
  }
  for (Submission& command : inbox) {
    Send(std::move(command.argv), command.script, std::move(command.done));
  }
}

RedisClient::RedisClient(Options options)
    : loop_(std::make_unique<Loop>(std::move(options))) {}

RedisClient::~RedisClient() { Stop(); }

RedisClient::ScriptId RedisClient::AddScript(std::string source) {
  return loop_->AddScript(std::move(source));
}

void RedisClient::OnConnected(absl::AnyInvocable<void()> hook) {
  loop_->OnConnected(std::move(hook));
}

void RedisClient::Start() { loop_->Start(); }

void RedisClient::After(absl::Duration delay, absl::AnyInvocable<void()> fn) {
  loop_->After(delay, std::move(fn));
}

void RedisClient::Stop() { loop_->Stop(); }

void RedisClient::Command(std::vector<std::string> args, Callback done) {
  loop_->Submit(std::move(args), -1, std::move(done));
}

void RedisClient::Eval(ScriptId script, std::vector<std::string> keys,
                       std::vector<std::string> args, Callback done) {
  std::vector<std::string> argv;
  argv.reserve(3 + keys.size() + args.size());
  argv.push_back("EVALSHA");
  argv.emplace_back();  // the SHA, known on the loop thread
  argv.push_back(absl::StrCat(keys.size()));
  for (std::string& key : keys) argv.push_back(std::move(key));
  for (std::string& arg : args) argv.push_back(std::move(arg));
  loop_->Submit(std::move(argv), script, std::move(done));
}

bool RedisClient::connected() const { return loop_->connected(); }

}  // namespace literllm
