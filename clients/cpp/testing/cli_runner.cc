#include "clients/cpp/testing/cli_runner.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

std::string ShellQuote(const std::string& arg) {
  return absl::StrCat("'", absl::StrReplaceAll(arg, {{"'", "'\\''"}}), "'");
}

std::string ReadAll(FILE* file) {
  std::string text;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file)) > 0) {
    text.append(buffer, n);
  }
  return text;
}

}  // namespace

CliResult RunCliBinary(const std::string& binary,
                       const std::vector<std::string>& args,
                       const std::vector<std::string>& env) {
  std::string err_path = ::testing::TempDir() + "literllm_cli_err_XXXXXX";
  int err_fd = mkstemp(err_path.data());
  if (err_fd < 0) return {};
  close(err_fd);
  std::string command = "env -u LITERLLM_TARGET -u LITERLLM_API_KEY";
  for (const std::string& setting : env) {
    absl::StrAppend(&command, " ", ShellQuote(setting));
  }
  absl::StrAppend(&command, " ", ShellQuote(binary));
  for (const std::string& arg : args) {
    absl::StrAppend(&command, " ", ShellQuote(arg));
  }
  absl::StrAppend(&command, " 2>", ShellQuote(err_path));

  CliResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  result.out = ReadAll(pipe);
  int status = pclose(pipe);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (FILE* err = std::fopen(err_path.c_str(), "r")) {
    result.err = ReadAll(err);
    std::fclose(err);
  }
  std::remove(err_path.c_str());
  return result;
}

}  // namespace literllm
