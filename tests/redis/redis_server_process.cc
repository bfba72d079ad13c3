#include "tests/redis/redis_server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace literllm::testing {
namespace {

constexpr char kRedisServer[] = "/usr/bin/redis-server";

// A port nobody listens on now: bind to port 0 and let the kernel choose.
int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

}  // namespace

RedisServerProcess::RedisServerProcess(std::string password)
    : password_(std::move(password)) {
  if (access(kRedisServer, X_OK) != 0) {
    ADD_FAILURE() << kRedisServer
                  << " is missing: install redis-server "
                     "(scripts/install-deps.sh) to run the Redis tests";
    return;
  }
  std::string dir_template = ::testing::TempDir() + "redis-XXXXXX";
  if (mkdtemp(dir_template.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp: " << std::strerror(errno);
    return;
  }
  dir_ = dir_template;
  // Another process may take the free port before redis-server binds it:
  // then try another.
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = FreeLoopbackPort();
    if (Spawn()) return;
  }
  ADD_FAILURE() << "redis-server exited at start five times; see " << dir_
                << "/redis.log";
}

RedisServerProcess::~RedisServerProcess() { Stop(); }

std::string RedisServerProcess::url() const {
  return absl::StrCat("redis://127.0.0.1:", port_);
}

bool RedisServerProcess::Spawn() {
  std::vector<std::string> args = {kRedisServer,
                                   "--port",
                                   std::to_string(port_),
                                   "--bind",
                                   "127.0.0.1",
                                   "--save",
                                   "",
                                   "--appendonly",
                                   "no",
                                   "--daemonize",
                                   "no",
                                   "--protected-mode",
                                   "no",
                                   "--dir",
                                   dir_,
                                   "--logfile",
                                   dir_ + "/redis.log"};
  if (!password_.empty()) {
    args.push_back("--requirepass");
    args.push_back(password_);
  }
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ == 0) {
    // A test that crashes must not leave its Redis running.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    execv(kRedisServer, argv.data());
    _exit(127);
  }
  absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (absl::Now() < give_up) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    if (AnswersPing()) return true;
    absl::SleepFor(absl::Milliseconds(10));
  }
  ADD_FAILURE() << "redis-server on port " << port_
                << " did not answer PING within 10s";
  Reap(SIGKILL);
  return true;  // not a start failure another port would fix
}

bool RedisServerProcess::AnswersPing() const {
  timeval timeout = {0, 200 * 1000};
  redisContext* c = redisConnectWithTimeout("127.0.0.1", port_, timeout);
  bool ok = false;
  if (c != nullptr && c->err == 0) {
    bool authed = true;
    if (!password_.empty()) {
      auto* reply = static_cast<redisReply*>(
          redisCommand(c, "AUTH %s", password_.c_str()));
      authed = reply != nullptr && reply->type == REDIS_REPLY_STATUS;
      if (reply != nullptr) freeReplyObject(reply);
    }
    auto* reply =
        authed ? static_cast<redisReply*>(redisCommand(c, "PING")) : nullptr;
    ok = reply != nullptr && reply->type == REDIS_REPLY_STATUS &&
         std::string(reply->str, reply->len) == "PONG";
    if (reply != nullptr) freeReplyObject(reply);
  }
  if (c != nullptr) redisFree(c);
  return ok;
}

void RedisServerProcess::Reap(int signal_number) {
  if (pid_ <= 0) return;
  kill(pid_, SIGCONT);  // a paused process would not act on SIGTERM
  kill(pid_, signal_number);
  absl::Time give_up = absl::Now() + absl::Seconds(5);
  while (waitpid(pid_, nullptr, WNOHANG) == 0) {
    if (absl::Now() >= give_up) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      break;
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  pid_ = -1;
}

void RedisServerProcess::Kill() { Reap(SIGKILL); }

void RedisServerProcess::Restart() {
  Reap(SIGKILL);
  if (!dir_.empty() && !Spawn()) {
    ADD_FAILURE() << "redis-server exited at restart on port " << port_
                  << "; see " << dir_ << "/redis.log";
  }
}

void RedisServerProcess::Pause() {
  if (pid_ > 0) kill(pid_, SIGSTOP);
}

void RedisServerProcess::Resume() {
  if (pid_ > 0) kill(pid_, SIGCONT);
}

void RedisServerProcess::Stop() {
  Reap(SIGTERM);
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    dir_.clear();
  }
}

}  // namespace literllm::testing
