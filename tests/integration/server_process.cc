#include "tests/integration/server_process.h"

#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

extern char** environ;

namespace literllm::testing {
namespace {

// The port named `key` in a line like
// {"level":"info","msg":"listening",...,"port":"43121","http_port":"43122"}.
int PortFromLogLine(const std::string& line, absl::string_view key) {
  if (!absl::StrContains(line, "\"msg\":\"listening\"")) return 0;
  std::string field = absl::StrCat("\"", key, "\":\"");
  size_t at = line.find(field);
  if (at == std::string::npos) return 0;
  at += field.size();
  int port = 0;
  std::string digits = line.substr(at, line.find('"', at) - at);
  return absl::SimpleAtoi(digits, &port) ? port : 0;
}

}  // namespace

ServerProcess::ServerProcess(Env env, std::vector<std::string> args) {
  env.emplace("LITERLLM_LISTEN", "127.0.0.1:0");
  env.emplace("LITERLLM_HTTP_LISTEN", "127.0.0.1:0");
  // Connection counts in tests depend on it; the default follows the CPUs.
  env.emplace("LITERLLM_UPSTREAM_THREADS", "2");
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('='));
    // The child sees only the providers the test configures.
    if (absl::EndsWith(name, "_API_KEY") || absl::EndsWith(name, "_BASE_URL") ||
        env.count(name) > 0) {
      continue;
    }
    env_strings.push_back(entry);
  }
  for (const auto& [k, v] : env) env_strings.push_back(absl::StrCat(k, "=", v));
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  std::string binary = LITERLLM_SERVER_BINARY;
  std::vector<char*> argv{binary.data()};
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe(fds) != 0) std::abort();
  pid_ = fork();
  if (pid_ == 0) {
    // A test that crashes must not leave its server running (and holding
    // the test runner's output pipe open).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execve(binary.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  close(fds[1]);
  reader_ = std::thread([this, fd = fds[0]] { ReadOutput(fd); });
  absl::MutexLock lock(&mu_);
  auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return port_ != 0 || exited_;
  };
  mu_.AwaitWithTimeout(absl::Condition(&ready), absl::Seconds(20));
}

ServerProcess::~ServerProcess() {
  if (WaitForExit(absl::ZeroDuration()) == -1 && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (reader_.joinable()) reader_.join();
}

void ServerProcess::ReadOutput(int fd) {
  FILE* f = fdopen(fd, "r");
  char* line = nullptr;
  size_t cap = 0;
  while (getline(&line, &cap, f) > 0) {
    std::string text(absl::StripTrailingAsciiWhitespace(line));
    absl::MutexLock lock(&mu_);
    if (port_ == 0) {
      port_ = PortFromLogLine(text, "port");
      http_port_ = PortFromLogLine(text, "http_port");
    }
    lines_.push_back(std::move(text));
  }
  free(line);
  fclose(f);
  absl::MutexLock lock(&mu_);
  exited_ = true;
}

std::string ServerProcess::target() const {
  return absl::StrCat("127.0.0.1:", port_);
}

std::shared_ptr<grpc::Channel> ServerProcess::NewChannel() const {
  grpc::ChannelArguments args;
  // Separate channels really are separate connections.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(target(), grpc::InsecureChannelCredentials(),
                                   args);
}

std::unique_ptr<v1::LlmService::Stub> ServerProcess::NewStub() const {
  return v1::LlmService::NewStub(NewChannel());
}

int ServerProcess::ProcStatusField(const char* field) const {
  std::ifstream in(absl::StrCat("/proc/", pid_, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (absl::StartsWith(line, field)) {
      int value = 0;
      std::string rest(absl::StripAsciiWhitespace(line.substr(strlen(field))));
      rest = rest.substr(0, rest.find(' '));
      if (absl::SimpleAtoi(rest, &value)) return value;
    }
  }
  return -1;
}

int ServerProcess::ThreadCount() const { return ProcStatusField("Threads:"); }
long ServerProcess::RssKib() const { return ProcStatusField("VmRSS:"); }

void ServerProcess::Signal(int signal_number) { kill(pid_, signal_number); }

int ServerProcess::WaitForExit(absl::Duration timeout) {
  if (pid_ <= 0) return -1;
  absl::Time give_up = absl::Now() + timeout;
  while (true) {
    int status = 0;
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    if (absl::Now() >= give_up) return -1;
    absl::SleepFor(absl::Milliseconds(10));
  }
}

std::vector<std::string> ServerProcess::Logs() const {
  absl::MutexLock lock(&mu_);
  return lines_;
}

}  // namespace literllm::testing
