// `literllm`: the command line for people. See kUsage in cli_options.cc.
#include <cstdio>

#include "absl/strings/str_format.h"
#include "clients/cpp/cli/chat_command.h"
#include "clients/cpp/cli/cli_options.h"
#include "clients/cpp/cli/keys_command.h"
#include "clients/cpp/cli/models_command.h"
#include "clients/cpp/cli/prices_command.h"
#include "clients/cpp/llm_client.h"

int main(int argc, char** argv) {
  using literllm::CliOptions;
  absl::StatusOr<CliOptions> cli = literllm::ParseCliArgs(argc, argv);
  if (!cli.ok()) {
    absl::FPrintF(stderr, "error: %s\n%s", cli.status().message(),
                  literllm::kShortUsage);
    return literllm::kExitUsage;
  }
  if (cli->command == CliOptions::Command::kHelp) {
    std::fputs(literllm::kUsage, stdout);
    return literllm::kExitOk;
  }
  if (cli->command == CliOptions::Command::kPrices) {
    return literllm::RunPrices(*cli);  // the table is built in: no gateway
  }
  if (cli->command == CliOptions::Command::kKeys) {
    return literllm::RunKeys(literllm::ClientOptionsFor(*cli), *cli);
  }
  literllm::LlmClient client(literllm::ClientOptionsFor(*cli));
  if (cli->command == CliOptions::Command::kChat) {
    return literllm::RunChat(client, *cli);
  }
  return literllm::RunModels(client, *cli);
}
