#ifndef LITERLLM_CLIENTS_CPP_CLI_MODELS_COMMAND_H_
#define LITERLLM_CLIENTS_CPP_CLI_MODELS_COMMAND_H_

#include "clients/cpp/cli/cli_options.h"
#include "clients/cpp/llm_client.h"

namespace literllm {

// `literllm models [PROVIDER]`: prints one model id per line, and the errors
// of providers that failed to list to stderr. Returns the exit status.
int RunModels(LlmClient& client, const CliOptions& cli);

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_CLI_MODELS_COMMAND_H_
