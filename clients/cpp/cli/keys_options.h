#ifndef LITERLLM_CLIENTS_CPP_CLI_KEYS_OPTIONS_H_
#define LITERLLM_CLIENTS_CPP_CLI_KEYS_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/cpp/cli/cli_options.h"

// The command line of `literllm keys`, for ParseCliArgs.
namespace literllm {

// Setters of the `keys create` flags (CliOptions::key_policy): --models,
// --rpm, --tpm, --budget-usd, --budget-period, --expires-at.
absl::Status SetKeyModels(absl::string_view value, CliOptions& cli);
absl::Status SetKeyRpm(absl::string_view value, CliOptions& cli);
absl::Status SetKeyTpm(absl::string_view value, CliOptions& cli);
absl::Status SetKeyBudgetUsd(absl::string_view value, CliOptions& cli);
absl::Status SetKeyBudgetPeriod(absl::string_view value, CliOptions& cli);
absl::Status SetKeyExpiresAt(absl::string_view value, CliOptions& cli);

// `args` are the words after `keys`: the subcommand, then NAME for create,
// revoke and usage. (ParseCliArgs rejects policy flags on other commands.)
absl::StatusOr<CliOptions> FinishKeys(const std::vector<std::string>& args,
                                      CliOptions cli);

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_CLI_KEYS_OPTIONS_H_
