#ifndef LITERLLM_CLIENTS_CPP_CLI_CLI_OPTIONS_H_
#define LITERLLM_CLIENTS_CPP_CLI_CLI_OPTIONS_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clients/cpp/llm_client.h"

namespace literllm {

// Exit statuses of the `literllm` command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRpcError = 1;
inline constexpr int kExitUsage = 2;

// Printed after a usage error.
extern const char kShortUsage[];
// Printed by --help.
extern const char kUsage[];

// The command line of `literllm`, as given; flags left out are unset.
struct CliOptions {
  enum class Command { kHelp, kChat, kModels, kPrices };
  Command command = Command::kHelp;

  // Connection (every command).
  std::optional<std::string> target;
  std::optional<std::string> api_key;
  bool tls = false;
  std::optional<absl::Duration> timeout;
  bool json = false;

  // chat
  std::string model;
  std::string prompt;  // the positional words joined by spaces
  std::optional<std::string> system;
  std::optional<double> temperature;
  std::optional<int> max_tokens;
  bool stream = false;

  // models
  std::optional<std::string> provider;

  // prices: a substring of provider/model, any case; "" keeps every row
  std::string price_filter;
};

// Parses `literllm [flags] COMMAND [flags] ARGS...`; flags may come before or
// after the command, `--flag=value` and `--flag value` both work, and `--`
// ends the flags. A usage error is INVALID_ARGUMENT with a message for people.
absl::StatusOr<CliOptions> ParseCliArgs(int argc, const char* const* argv);

// Client options: the environment's (LITERLLM_TARGET, LITERLLM_API_KEY),
// overridden by the flags given.
LlmClientOptions ClientOptionsFor(const CliOptions& cli);

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_CLI_CLI_OPTIONS_H_
