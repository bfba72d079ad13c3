#include "service/grpc/grpc_call_context.h"

#include <chrono>
#include <string>

#include "absl/strings/match.h"

namespace literllm {

CallContext GrpcCallContext(const grpc::CallbackServerContext& context,
                            bool stream) {
  CallContext call;
  call.front = Front::kGrpc;
  call.stream = stream;
  // gRPC metadata keys arrive lower-case; binary (-bin) entries carry
  // nothing a policy reads.
  for (const auto& [key, value] : context.client_metadata()) {
    absl::string_view name(key.data(), key.size());
    if (absl::EndsWith(name, "-bin")) continue;
    call.metadata.emplace(name, absl::string_view(value.data(), value.size()));
  }
  if (auto auth = call.Metadata("authorization")) {
    call.caller_key = BearerToken(*auth);
  }
  if (auto traceparent = call.Metadata("traceparent")) {
    call.traceparent = std::string(*traceparent);
  }
  auto deadline = context.deadline();
  if (deadline != std::chrono::system_clock::time_point::max()) {
    call.deadline = absl::FromChrono(deadline);
  }
  return call;
}

}  // namespace literllm
