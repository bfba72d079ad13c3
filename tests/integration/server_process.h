#ifndef LITERLLM_TESTS_INTEGRATION_SERVER_PROCESS_H_
#define LITERLLM_TESTS_INTEGRATION_SERVER_PROCESS_H_

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "literllm/v1/llm_service.grpc.pb.h"

namespace literllm::testing {

// The real literllm-server binary, started as a child process listening on
// 127.0.0.1 port 0 (gRPC and HTTP) with the given environment. Its stdout (JSON
// log lines) is captured; the port comes from its "listening" line.
class ServerProcess {
 public:
  using Env = std::map<std::string, std::string>;
  explicit ServerProcess(Env env, std::vector<std::string> args = {});
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess();  // SIGKILL if still running

  int port() const { return port_; }
  // The HTTP front's port; 0 when it is off.
  int http_port() const { return http_port_; }
  pid_t pid() const { return pid_; }
  std::string target() const;
  std::shared_ptr<grpc::Channel> NewChannel() const;
  std::unique_ptr<v1::LlmService::Stub> NewStub() const;

  // Threads of the server process right now (from /proc).
  int ThreadCount() const;
  // Resident memory of the server process in KiB.
  long RssKib() const;

  void Signal(int signal_number);
  // Waits for exit; returns the exit code, or -1 on timeout / death by signal.
  int WaitForExit(absl::Duration timeout);

  // Every line the server printed so far.
  std::vector<std::string> Logs() const;

 private:
  void ReadOutput(int fd);
  int ProcStatusField(const char* field) const;

  pid_t pid_ = -1;
  int port_ = 0;
  int http_port_ = 0;
  bool exited_ = false;
  std::thread reader_;
  mutable absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_INTEGRATION_SERVER_PROCESS_H_
