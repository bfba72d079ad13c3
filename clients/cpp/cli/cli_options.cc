#include "clients/cpp/cli/cli_options.h"

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "clients/cpp/cli/keys_options.h"

namespace literllm {
namespace {

using FlagSetter = absl::Status (*)(absl::string_view value, CliOptions& cli);

struct FlagSpec {
  absl::string_view name;
  absl::string_view short_name;  // "" when the flag has none
  bool takes_value;
  FlagSetter set;
};

absl::Status SetTimeout(absl::string_view value, CliOptions& cli) {
  double seconds = 0;
  if (!absl::SimpleAtod(value, &seconds) || !std::isfinite(seconds) ||
      seconds <= 0) {
    return BadFlagValue("--timeout", value, "a positive number of seconds");
  }
  cli.timeout = absl::Seconds(seconds);
  return absl::OkStatus();
}

absl::Status SetTemperature(absl::string_view value, CliOptions& cli) {
  double temperature = 0;
  if (!absl::SimpleAtod(value, &temperature) || !std::isfinite(temperature)) {
    return BadFlagValue("--temperature", value, "a number");
  }
  cli.temperature = temperature;
  return absl::OkStatus();
}

absl::Status SetMaxTokens(absl::string_view value, CliOptions& cli) {
  int max_tokens = 0;
  if (!absl::SimpleAtoi(value, &max_tokens) || max_tokens <= 0) {
    return BadFlagValue("--max-tokens", value, "a positive integer");
  }
  cli.max_tokens = max_tokens;
  return absl::OkStatus();
}

template <auto kField>
absl::Status SetText(absl::string_view value, CliOptions& cli) {
  cli.*kField = std::string(value);
  return absl::OkStatus();
}

template <auto kField>
absl::Status SetTrue(absl::string_view, CliOptions& cli) {
  cli.*kField = true;
  return absl::OkStatus();
}

const FlagSpec kFlags[] = {
    {"--target", "", true, SetText<&CliOptions::target>},
    {"--api-key", "", true, SetText<&CliOptions::api_key>},
    {"--tls", "", false, SetTrue<&CliOptions::tls>},
    {"--timeout", "", true, SetTimeout},
    {"--json", "", false, SetTrue<&CliOptions::json>},
    {"--model", "-m", true, SetText<&CliOptions::model>},
    {"--stream", "", false, SetTrue<&CliOptions::stream>},
    {"--system", "", true, SetText<&CliOptions::system>},
    {"--temperature", "", true, SetTemperature},
    {"--max-tokens", "", true, SetMaxTokens},
    {"--models", "", true, SetKeyModels},
    {"--rpm", "", true, SetKeyRpm},
    {"--tpm", "", true, SetKeyTpm},
    {"--budget-usd", "", true, SetKeyBudgetUsd},
    {"--budget-period", "", true, SetKeyBudgetPeriod},
    {"--expires-at", "", true, SetKeyExpiresAt},
};

const FlagSpec* FindFlag(absl::string_view name) {
  for (const FlagSpec& flag : kFlags) {
    if (name == flag.name ||
        (!flag.short_name.empty() && name == flag.short_name)) {
      return &flag;
    }
  }
  return nullptr;
}

// Applies flag `arg` ("--name", "--name=value" or "-m"), taking its value
// from `next` (nullptr at the end) when not inline. Returns how many of the
// following arguments it consumed.
absl::StatusOr<int> ApplyFlag(absl::string_view arg, const char* next,
                              CliOptions& cli) {
  absl::string_view name = arg;
  std::optional<absl::string_view> inline_value;
  size_t eq = arg.find('=');
  if (absl::StartsWith(arg, "--") && eq != absl::string_view::npos) {
    name = arg.substr(0, eq);
    inline_value = arg.substr(eq + 1);
  }
  const FlagSpec* flag = FindFlag(name);
  if (flag == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unknown flag ", name));
  }
  absl::string_view value;
  int consumed = 0;
  if (!flag->takes_value) {
    if (inline_value.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(flag->name, " takes no value"));
    }
  } else if (inline_value.has_value()) {
    value = *inline_value;
  } else if (next != nullptr) {
    value = next;
    consumed = 1;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat(flag->name, " needs a value"));
  }
  absl::Status status = flag->set(value, cli);
  if (!status.ok()) return status;
  return consumed;
}

absl::StatusOr<CliOptions> FinishChat(const std::vector<std::string>& args,
                                      CliOptions cli) {
  if (cli.model.empty()) {
    return absl::InvalidArgumentError("chat needs a model: -m PROVIDER/MODEL");
  }
  if (args.empty()) return absl::InvalidArgumentError("chat needs a prompt");
  cli.command = CliOptions::Command::kChat;
  cli.prompt = absl::StrJoin(args, " ");
  return cli;
}

bool HasChatFlags(const CliOptions& cli) {
  return !cli.model.empty() || cli.stream || cli.system || cli.temperature ||
         cli.max_tokens;
}

absl::Status ChatFlagsError() {
  return absl::InvalidArgumentError(
      "-m, --stream, --system, --temperature and --max-tokens are chat flags");
}

// The argument of `command`, which takes at most one (`what`) and no chat
// flags; nullopt when none was given.
absl::StatusOr<std::optional<std::string>> OptionalArgument(
    absl::string_view command, absl::string_view what,
    const std::vector<std::string>& args, const CliOptions& cli) {
  if (args.size() > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(command, " takes at most one ", what));
  }
  if (HasChatFlags(cli)) return ChatFlagsError();
  if (args.empty()) return std::nullopt;
  return args[0];
}

absl::StatusOr<CliOptions> FinishModels(const std::vector<std::string>& args,
                                        CliOptions cli) {
  absl::StatusOr<std::optional<std::string>> provider =
      OptionalArgument("models", "PROVIDER", args, cli);
  if (!provider.ok()) return provider.status();
  cli.command = CliOptions::Command::kModels;
  cli.provider = *std::move(provider);
  return cli;
}

absl::StatusOr<CliOptions> FinishPrices(const std::vector<std::string>& args,
                                        CliOptions cli) {
  absl::StatusOr<std::optional<std::string>> filter =
      OptionalArgument("prices", "FILTER", args, cli);
  if (!filter.ok()) return filter.status();
  cli.command = CliOptions::Command::kPrices;
  cli.price_filter = filter->value_or("");
  return cli;
}

absl::StatusOr<CliOptions> FinishCommand(const std::vector<std::string>& words,
                                         CliOptions cli) {
  if (words.empty()) return absl::InvalidArgumentError("missing command");
  std::vector<std::string> args(words.begin() + 1, words.end());
  if (words[0] == "chat") return FinishChat(args, std::move(cli));
  if (words[0] == "models") return FinishModels(args, std::move(cli));
  if (words[0] == "prices") return FinishPrices(args, std::move(cli));
  if (words[0] == "keys") {
    if (HasChatFlags(cli)) return ChatFlagsError();
    return FinishKeys(args, std::move(cli));
  }
  if (words[0] == "help") return cli;  // Command::kHelp is the default
  return absl::InvalidArgumentError(
      absl::StrCat("unknown command '", words[0], "'"));
}

// Interprets the non-flag words: the command, then its arguments.
absl::StatusOr<CliOptions> ApplyCommand(const std::vector<std::string>& words,
                                        CliOptions cli) {
  absl::StatusOr<CliOptions> parsed = FinishCommand(words, std::move(cli));
  if (parsed.ok() && parsed->key_policy.any() &&
      !(parsed->command == CliOptions::Command::kKeys &&
        parsed->keys_command == CliOptions::KeysCommand::kCreate)) {
    return absl::InvalidArgumentError(
        "--models, --rpm, --tpm, --budget-usd, --budget-period and "
        "--expires-at are 'keys create' flags");
  }
  return parsed;
}

}  // namespace

absl::Status BadFlagValue(absl::string_view flag, absl::string_view value,
                          absl::string_view wanted) {
  return absl::InvalidArgumentError(
      absl::StrCat(flag, " needs ", wanted, ", got '", value, "'"));
}

absl::StatusOr<CliOptions> ParseCliArgs(int argc, const char* const* argv) {
  CliOptions cli;
  std::vector<std::string> words;
  bool help = false;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--") {
      words.insert(words.end(), argv + i + 1, argv + argc);
      break;
    }
    if (arg == "-h" || arg == "--help") {
      help = true;
    } else if (arg.size() < 2 || arg[0] != '-') {
      words.emplace_back(arg);  // "-" alone is a word, not a flag
    } else {
      absl::StatusOr<int> consumed =
          ApplyFlag(arg, i + 1 < argc ? argv[i + 1] : nullptr, cli);
      if (!consumed.ok()) return consumed.status();
      i += *consumed;
    }
  }
  if (help) return CliOptions();
  return ApplyCommand(words, std::move(cli));
}

LlmClientOptions ClientOptionsFor(const CliOptions& cli) {
  LlmClientOptions options = LlmClientOptions::FromEnvironment();
  if (cli.target.has_value()) options.target = *cli.target;
  if (cli.api_key.has_value()) options.api_key = *cli.api_key;
  if (cli.timeout.has_value()) options.default_deadline = *cli.timeout;
  options.tls = cli.tls;
  return options;
}

}  // namespace literllm
