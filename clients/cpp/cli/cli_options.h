#ifndef LITERLLM_CLIENTS_CPP_CLI_CLI_OPTIONS_H_
#define LITERLLM_CLIENTS_CPP_CLI_CLI_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
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

// The policy flags of `literllm keys create`; flags left out are unset.
struct KeyPolicyFlags {
  std::optional<std::vector<std::string>> models;  // --models a,b
  std::optional<int64_t> rpm;
  std::optional<int64_t> tpm;
  std::optional<double> budget_usd;
  std::optional<std::string> budget_period;  // sent as given
  std::optional<int64_t> expires_at_unix;

  bool any() const {
    return models || rpm || tpm || budget_usd || budget_period ||
           expires_at_unix;
  }
};

// The command line of `literllm`, as given; flags left out are unset.
struct CliOptions {
  enum class Command { kHelp, kChat, kModels, kPrices, kKeys };
  enum class KeysCommand { kCreate, kList, kRevoke, kUsage };
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

  // keys
  KeysCommand keys_command = KeysCommand::kList;
  std::string key_name;  // create, revoke, usage
  KeyPolicyFlags key_policy;
};

// Parses `literllm [flags] COMMAND [flags] ARGS...`; flags may come before or
// after the command, `--flag=value` and `--flag value` both work, and `--`
// ends the flags. A usage error is INVALID_ARGUMENT with a message for people.
absl::StatusOr<CliOptions> ParseCliArgs(int argc, const char* const* argv);

// The usage error of `flag` given `value` where it needs `wanted` ("a
// positive integer"), for the parsers of flag values.
absl::Status BadFlagValue(absl::string_view flag, absl::string_view value,
                          absl::string_view wanted);

// Client options: the environment's (LITERLLM_TARGET, LITERLLM_API_KEY),
// overridden by the flags given.
LlmClientOptions ClientOptionsFor(const CliOptions& cli);

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_CLI_CLI_OPTIONS_H_
