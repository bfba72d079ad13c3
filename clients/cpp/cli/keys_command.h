#ifndef LITERLLM_CLIENTS_CPP_CLI_KEYS_COMMAND_H_
#define LITERLLM_CLIENTS_CPP_CLI_KEYS_COMMAND_H_

#include "clients/cpp/cli/cli_options.h"
#include "clients/cpp/llm_client.h"

namespace literllm {

// `literllm keys create|list|revoke|usage`: one literllm.v1.AdminService
// call over a channel like LlmClient's, with `options.api_key` (the master
// key) as the bearer token. Prints the answer as text, or with --json as
// proto3 JSON; errors go to stderr. Returns the exit status.
int RunKeys(const LlmClientOptions& options, const CliOptions& cli);

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_CLI_KEYS_COMMAND_H_
