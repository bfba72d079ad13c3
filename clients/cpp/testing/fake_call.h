#ifndef LITERLLM_CLIENTS_CPP_TESTING_FAKE_CALL_H_
#define LITERLLM_CLIENTS_CPP_TESTING_FAKE_CALL_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

// What the fake services share: reading a call's metadata and answering with
// a canned reply.
namespace literllm {

// What a call to a fake carried besides its request.
struct CallMetadata {
  std::string authorization;  // "" when the metadata was absent
  // Time left until the call's deadline on arrival; nullopt when none.
  std::optional<absl::Duration> deadline_remaining;
};

CallMetadata MetadataOf(const grpc::ServerContext& context);

// Whether `remaining` (CallMetadata::deadline_remaining) matches a deadline
// of `expected` set by the client just before the call.
::testing::AssertionResult DeadlineNear(std::optional<absl::Duration> remaining,
                                        absl::Duration expected);

grpc::Status ToGrpcStatus(const absl::Status& status);

// The canned `reply`: copied into `response`, or its error.
template <typename Response>
grpc::Status Answer(const absl::StatusOr<Response>& reply, Response& response) {
  if (!reply.ok()) return ToGrpcStatus(reply.status());
  response = *reply;
  return grpc::Status::OK;
}

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_TESTING_FAKE_CALL_H_
