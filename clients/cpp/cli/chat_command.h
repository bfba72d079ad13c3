#ifndef LITERLLM_CLIENTS_CPP_CLI_CHAT_COMMAND_H_
#define LITERLLM_CLIENTS_CPP_CLI_CHAT_COMMAND_H_

#include "clients/cpp/cli/cli_options.h"
#include "clients/cpp/llm_client.h"

namespace literllm {

// The request `literllm chat` sends: optional system message, then the prompt.
v1::ChatCompletionRequest ChatRequestFor(const CliOptions& cli);

// `literllm chat`: prints the answer (or, with --stream, its deltas as they
// arrive) and returns the exit status.
int RunChat(LlmClient& client, const CliOptions& cli);

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_CLI_CHAT_COMMAND_H_
