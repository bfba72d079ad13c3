#include "clients/cpp/cli/models_command.h"

#include "absl/strings/str_format.h"
#include "clients/cpp/cli/output.h"

namespace literllm {

int RunModels(LlmClient& client, const CliOptions& cli) {
  absl::StatusOr<v1::ListModelsResponse> response =
      client.ListModels(cli.provider);
  if (!response.ok()) return ReportRpcError(response.status());
  if (cli.json) {
    PrintJson(*response);
  } else {
    for (const v1::Model& model : response->data()) {
      absl::PrintF("%s\n", model.id());
    }
  }
  for (const v1::ProviderError& error : response->errors()) {
    absl::FPrintF(stderr, "error: %s: %s\n", error.provider(), error.message());
  }
  // A partial list is still an answer; nothing listed because providers
  // failed is not, so scripts can tell a broken key from an empty catalogue.
  bool nothing_listed = response->data().empty() && !response->errors().empty();
  return nothing_listed ? kExitRpcError : kExitOk;
}

}  // namespace literllm
