#ifndef LITERLLM_SERVICE_GRPC_GRPC_STATUS_H_
#define LITERLLM_SERVICE_GRPC_GRPC_STATUS_H_

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// The one place an absl::Status becomes the status a caller sees: same code,
// message with every secret removed, and the provider's Retry-After relayed
// as `retry-after` trailing metadata on `context`.
grpc::Status ToGrpcStatus(const absl::Status& status,
                          const SecretRedactor& redactor,
                          grpc::ServerContextBase* context);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_GRPC_GRPC_STATUS_H_
