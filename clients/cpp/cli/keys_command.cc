#include "clients/cpp/cli/keys_command.h"

#include <grpcpp/client_context.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "clients/cpp/cli/output.h"
#include "literllm/v1/admin_service.grpc.pb.h"

namespace literllm {
namespace {

using Stub = v1::AdminService::Stub;

// One unary call of `method` on `stub`, prepared as LlmClient prepares its
// calls.
template <typename Request, typename Response>
absl::StatusOr<Response> Call(Stub& stub, const LlmClientOptions& options,
                              grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                           const Request&,
                                                           Response*),
                              const Request& request) {
  grpc::ClientContext context;
  PrepareContext(options, std::nullopt, context);
  Response response;
  absl::Status status =
      FromGrpcStatus((stub.*method)(&context, request, &response));
  if (!status.ok()) return status;
  return response;
}

// "2025-01-31T12:00:00Z".
std::string UtcTime(int64_t unix_seconds) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                          absl::FromUnixSeconds(unix_seconds),
                          absl::UTCTimeZone());
}

// One row of the key table; "-" for unlimited.
std::vector<std::string> PolicyRow(const v1::KeyPolicy& policy) {
  auto limit = [](int64_t n) { return n == 0 ? "-" : absl::StrCat(n); };
  return {
      policy.name(),
      policy.models().empty() ? "*" : absl::StrJoin(policy.models(), ","),
      limit(policy.rpm()),
      limit(policy.tpm()),
      policy.budget_usd() == 0 ? "-" : FormatUsd(policy.budget_usd()),
      policy.budget_period().empty() ? "lifetime" : policy.budget_period(),
      policy.expires_at_unix() == 0 ? "never"
                                    : UtcTime(policy.expires_at_unix()),
  };
}

constexpr const char* kPolicyHeader[] = {
    "NAME", "MODELS", "RPM", "TPM", "BUDGET USD", "PERIOD", "EXPIRES"};
constexpr bool kPolicyRightAligned[] = {false, false, true, true,
                                        true,  false, false};

// `policies`: any range of v1::KeyPolicy.
template <typename Policies>
void PrintPolicies(const Policies& policies) {
  std::vector<std::vector<std::string>> rows = {
      {std::begin(kPolicyHeader), std::end(kPolicyHeader)}};
  for (const v1::KeyPolicy& policy : policies) {
    rows.push_back(PolicyRow(policy));
  }
  PrintTable(rows, kPolicyRightAligned);
}

v1::KeyPolicy PolicyFor(const CliOptions& cli) {
  const KeyPolicyFlags& flags = cli.key_policy;
  v1::KeyPolicy policy;
  policy.set_name(cli.key_name);
  if (flags.models.has_value()) {
    for (const std::string& model : *flags.models) policy.add_models(model);
  }
  policy.set_rpm(flags.rpm.value_or(0));
  policy.set_tpm(flags.tpm.value_or(0));
  policy.set_budget_usd(flags.budget_usd.value_or(0));
  policy.set_budget_period(flags.budget_period.value_or(""));
  policy.set_expires_at_unix(flags.expires_at_unix.value_or(0));
  return policy;
}

int Create(Stub& stub, const LlmClientOptions& options, const CliOptions& cli) {
  v1::CreateKeyRequest request;
  *request.mutable_policy() = PolicyFor(cli);
  absl::StatusOr<v1::CreateKeyResponse> response =
      Call(stub, options, &Stub::CreateKey, request);
  if (!response.ok()) return ReportRpcError(response.status());
  if (cli.json) {
    PrintJson(*response);
  } else {
    PrintRaw(absl::StrCat(response->key(), "\n\n"));
    PrintPolicies(std::vector<v1::KeyPolicy>{response->policy()});
  }
  absl::FPrintF(stderr,
                "note: the key is shown only this once; store it now.\n");
  return kExitOk;
}

int List(Stub& stub, const LlmClientOptions& options, const CliOptions& cli) {
  absl::StatusOr<v1::ListKeysResponse> response =
      Call(stub, options, &Stub::ListKeys, v1::ListKeysRequest());
  if (!response.ok()) return ReportRpcError(response.status());
  if (cli.json) {
    PrintJson(*response);
  } else {
    PrintPolicies(response->keys());
  }
  return kExitOk;
}

int Revoke(Stub& stub, const LlmClientOptions& options, const CliOptions& cli) {
  v1::RevokeKeyRequest request;
  request.set_name(cli.key_name);
  absl::StatusOr<v1::RevokeKeyResponse> response =
      Call(stub, options, &Stub::RevokeKey, request);
  if (!response.ok()) return ReportRpcError(response.status());
  if (cli.json) {
    PrintJson(*response);
  } else {
    absl::PrintF("revoked %s\n", cli.key_name);
  }
  return kExitOk;
}

int Usage(Stub& stub, const LlmClientOptions& options, const CliOptions& cli) {
  v1::GetKeyUsageRequest request;
  request.set_name(cli.key_name);
  absl::StatusOr<v1::KeyUsage> usage =
      Call(stub, options, &Stub::GetKeyUsage, request);
  if (!usage.ok()) return ReportRpcError(usage.status());
  if (cli.json) {
    PrintJson(*usage);
    return kExitOk;
  }
  absl::PrintF(
      "name:               %s\n"
      "requests:           %d\n"
      "prompt tokens:      %d\n"
      "completion tokens:  %d\n"
      "spend USD:          %s\n"
      "period start:       %s\n",
      usage->name(), usage->requests(), usage->prompt_tokens(),
      usage->completion_tokens(), FormatUsd(usage->spend_usd()),
      usage->period_start_unix() == 0 ? "lifetime"
                                      : UtcTime(usage->period_start_unix()));
  return kExitOk;
}

}  // namespace

int RunKeys(const LlmClientOptions& options, const CliOptions& cli) {
  std::unique_ptr<Stub> stub = v1::AdminService::NewStub(OpenChannel(options));
  switch (cli.keys_command) {
    case CliOptions::KeysCommand::kCreate:
      return Create(*stub, options, cli);
    case CliOptions::KeysCommand::kList:
      return List(*stub, options, cli);
    case CliOptions::KeysCommand::kRevoke:
      return Revoke(*stub, options, cli);
    case CliOptions::KeysCommand::kUsage:
      return Usage(*stub, options, cli);
  }
  return kExitUsage;  // unreachable: every subcommand is handled above
}

}  // namespace literllm
