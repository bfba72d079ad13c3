#include "clients/cpp/cli/models_command.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
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
      if (model.alias_for().empty()) {
        absl::PrintF("%s\n", model.id());
      } else {
        absl::PrintF("%s -> %s\n", model.id(),
                     absl::StrJoin(model.alias_for(), ", "));
      }
    }
  }
  for (const v1::ProviderError& error : response->errors()) {
    // The server's messages already start with the provider's name.
    bool named =
        absl::StartsWith(error.message(), absl::StrCat(error.provider(), ":"));
    absl::FPrintF(stderr, "error: %s%s\n",
                  named ? "" : absl::StrCat(error.provider(), ": "),
                  error.message());
  }
  // A partial list is still an answer; nothing listed because providers
  // failed is not, so scripts can tell a broken key from an empty catalogue.
  bool nothing_listed = response->data().empty() && !response->errors().empty();
  return nothing_listed ? kExitRpcError : kExitOk;
}

}  // namespace literllm
