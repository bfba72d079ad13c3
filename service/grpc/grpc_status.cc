#include "service/grpc/grpc_status.h"

#include <string>

#include "providers/http/provider_failure.h"

namespace literllm {

grpc::Status ToGrpcStatus(const absl::Status& status,
                          const SecretRedactor& redactor,
                          grpc::ServerContextBase* context) {
  if (status.ok()) return grpc::Status::OK;
  if (std::optional<std::string> retry_after = RetryAfter(status);
      retry_after.has_value() && context != nullptr) {
    context->AddTrailingMetadata("retry-after", redactor.Redact(*retry_after));
  }
  // absl and gRPC share the canonical code numbering.
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      redactor.Redact(status.message()));
}

}  // namespace literllm
