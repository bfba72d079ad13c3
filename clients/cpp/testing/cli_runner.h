#ifndef LITERLLM_CLIENTS_CPP_TESTING_CLI_RUNNER_H_
#define LITERLLM_CLIENTS_CPP_TESTING_CLI_RUNNER_H_

#include <string>
#include <vector>

namespace literllm {

// How a run of the `literllm` binary ended.
struct CliResult {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string out;
  std::string err;
};

// Runs `binary args...` with `env` (NAME=VALUE words) as its only literllm
// settings, so the developer's own LITERLLM_* variables cannot leak in.
CliResult RunCliBinary(const std::string& binary,
                       const std::vector<std::string>& args,
                       const std::vector<std::string>& env = {});

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_TESTING_CLI_RUNNER_H_
