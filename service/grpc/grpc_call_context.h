#ifndef LITERLLM_SERVICE_GRPC_GRPC_CALL_CONTEXT_H_
#define LITERLLM_SERVICE_GRPC_GRPC_CALL_CONTEXT_H_

#include <grpcpp/grpcpp.h>

#include "service/call/call_context.h"

namespace literllm {

// The call context of a gRPC call: its metadata (see
// CallContextFromMetadata) and its deadline.
CallContext GrpcCallContext(const grpc::CallbackServerContext& context,
                            bool stream);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_GRPC_GRPC_CALL_CONTEXT_H_
