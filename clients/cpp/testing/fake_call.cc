#include "clients/cpp/testing/fake_call.h"

#include <chrono>

namespace literllm {

CallMetadata MetadataOf(const grpc::ServerContext& context) {
  CallMetadata metadata;
  const auto& client_metadata = context.client_metadata();
  if (auto it = client_metadata.find("authorization");
      it != client_metadata.end()) {
    metadata.authorization.assign(it->second.data(), it->second.size());
  }
  auto deadline = context.deadline();
  if (deadline != std::chrono::system_clock::time_point::max()) {
    metadata.deadline_remaining = absl::FromChrono(deadline) - absl::Now();
  }
  return metadata;
}

::testing::AssertionResult DeadlineNear(std::optional<absl::Duration> remaining,
                                        absl::Duration expected) {
  if (!remaining.has_value()) {
    return ::testing::AssertionFailure() << "the call had no deadline";
  }
  // gRPC rounds the grpc-timeout header up (to 100 ms here), so the server
  // may see a little more time than the client asked for.
  if (*remaining > expected / 2 && *remaining <= expected + absl::Seconds(1)) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "the server had " << *remaining
                                       << " left, expected about " << expected;
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

}  // namespace literllm
