#include "service/grpc/grpc_call_context.h"

#include <chrono>
#include <string>

#include "absl/strings/match.h"

namespace literllm {

CallContext GrpcCallContext(const grpc::CallbackServerContext& context,
                            bool stream) {
  // gRPC metadata keys arrive lower-case; binary (-bin) entries carry
  // nothing a policy reads.
  absl::flat_hash_map<std::string, std::string> metadata;
  for (const auto& [key, value] : context.client_metadata()) {
    absl::string_view name(key.data(), key.size());
    if (absl::EndsWith(name, "-bin")) continue;
    metadata.emplace(name, absl::string_view(value.data(), value.size()));
  }
  CallContext call =
      CallContextFromMetadata(Front::kGrpc, stream, std::move(metadata));
  auto deadline = context.deadline();
  if (deadline != std::chrono::system_clock::time_point::max()) {
    call.deadline = absl::FromChrono(deadline);
  }
  return call;
}

}  // namespace literllm
