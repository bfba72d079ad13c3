#include "clients/cpp/cli/keys_options.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace literllm {
namespace {

// A count where 0 means unlimited (or never, for --expires-at).
absl::StatusOr<int64_t> NonNegativeInteger(absl::string_view flag,
                                           absl::string_view value) {
  int64_t number = 0;
  if (!absl::SimpleAtoi(value, &number) || number < 0) {
    return BadFlagValue(flag, value, "an integer >= 0");
  }
  return number;
}

struct Subcommand {
  absl::string_view word;
  CliOptions::KeysCommand command;
  bool takes_name;
};

constexpr Subcommand kSubcommands[] = {
    {"create", CliOptions::KeysCommand::kCreate, true},
    {"list", CliOptions::KeysCommand::kList, false},
    {"revoke", CliOptions::KeysCommand::kRevoke, true},
    {"usage", CliOptions::KeysCommand::kUsage, true},
};

}  // namespace

absl::Status SetKeyModels(absl::string_view value, CliOptions& cli) {
  std::vector<std::string> models;
  for (absl::string_view model : absl::StrSplit(value, ',')) {
    model = absl::StripAsciiWhitespace(model);
    if (model.empty()) {
      return BadFlagValue("--models", value, "model names separated by ','");
    }
    models.emplace_back(model);
  }
  cli.key_policy.models = std::move(models);
  return absl::OkStatus();
}

absl::Status SetKeyRpm(absl::string_view value, CliOptions& cli) {
  absl::StatusOr<int64_t> rpm = NonNegativeInteger("--rpm", value);
  if (!rpm.ok()) return rpm.status();
  cli.key_policy.rpm = *rpm;
  return absl::OkStatus();
}

absl::Status SetKeyTpm(absl::string_view value, CliOptions& cli) {
  absl::StatusOr<int64_t> tpm = NonNegativeInteger("--tpm", value);
  if (!tpm.ok()) return tpm.status();
  cli.key_policy.tpm = *tpm;
  return absl::OkStatus();
}

absl::Status SetKeyBudgetUsd(absl::string_view value, CliOptions& cli) {
  double usd = 0;
  if (!absl::SimpleAtod(value, &usd) || !std::isfinite(usd) || usd < 0) {
    return BadFlagValue("--budget-usd", value, "a number of USD >= 0");
  }
  cli.key_policy.budget_usd = usd;
  return absl::OkStatus();
}

// The gateway checks the duration; "" (lifetime) is a valid value.
absl::Status SetKeyBudgetPeriod(absl::string_view value, CliOptions& cli) {
  cli.key_policy.budget_period = std::string(value);
  return absl::OkStatus();
}

absl::Status SetKeyExpiresAt(absl::string_view value, CliOptions& cli) {
  absl::StatusOr<int64_t> unix_seconds =
      NonNegativeInteger("--expires-at", value);
  if (!unix_seconds.ok()) return unix_seconds.status();
  cli.key_policy.expires_at_unix = *unix_seconds;
  return absl::OkStatus();
}

absl::StatusOr<CliOptions> FinishKeys(const std::vector<std::string>& args,
                                      CliOptions cli) {
  if (args.empty()) {
    return absl::InvalidArgumentError(
        "keys needs a subcommand: create, list, revoke or usage");
  }
  const Subcommand* subcommand = nullptr;
  for (const Subcommand& candidate : kSubcommands) {
    if (args[0] == candidate.word) subcommand = &candidate;
  }
  if (subcommand == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown keys subcommand '", args[0],
                     "' (want create, list, revoke or usage)"));
  }
  const size_t names = args.size() - 1;
  if (subcommand->takes_name && (names != 1 || args[1].empty())) {
    return absl::InvalidArgumentError(
        absl::StrCat("keys ", subcommand->word, " needs one NAME"));
  }
  if (!subcommand->takes_name && names != 0) {
    return absl::InvalidArgumentError("keys list takes no arguments");
  }
  cli.command = CliOptions::Command::kKeys;
  cli.keys_command = subcommand->command;
  if (subcommand->takes_name) cli.key_name = args[1];
  return cli;
}

}  // namespace literllm
