#ifndef LITERLLM_CLIENTS_CPP_TESTING_FAKE_ADMIN_SERVICE_H_
#define LITERLLM_CLIENTS_CPP_TESTING_FAKE_ADMIN_SERVICE_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "clients/cpp/testing/fake_call.h"
#include "literllm/v1/admin_service.grpc.pb.h"

namespace literllm {

// What the last call to the fake AdminService carried.
struct ObservedAdminCall : CallMetadata {
  std::string method;  // "CreateKey", "ListKeys", "RevokeKey", "GetKeyUsage"
  v1::CreateKeyRequest create_request;
  v1::RevokeKeyRequest revoke_request;
  v1::GetKeyUsageRequest usage_request;
};

// An AdminService answering with canned replies (empty messages until set),
// for CLI tests; served by FakeLlmServer. Handlers run on gRPC's threads,
// hence the mutex; set replies before making the call.
class FakeAdminService final : public v1::AdminService::Service {
 public:
  void SetCreateReply(absl::StatusOr<v1::CreateKeyResponse> reply);
  void SetListReply(absl::StatusOr<v1::ListKeysResponse> reply);
  void SetRevokeReply(absl::Status reply);
  void SetUsageReply(absl::StatusOr<v1::KeyUsage> reply);
  int calls() const;
  ObservedAdminCall last_call() const;

  grpc::Status CreateKey(grpc::ServerContext* context,
                         const v1::CreateKeyRequest* request,
                         v1::CreateKeyResponse* response) override;
  grpc::Status ListKeys(grpc::ServerContext* context,
                        const v1::ListKeysRequest* request,
                        v1::ListKeysResponse* response) override;
  grpc::Status RevokeKey(grpc::ServerContext* context,
                         const v1::RevokeKeyRequest* request,
                         v1::RevokeKeyResponse* response) override;
  grpc::Status GetKeyUsage(grpc::ServerContext* context,
                           const v1::GetKeyUsageRequest* request,
                           v1::KeyUsage* response) override;

 private:
  void Observe(const grpc::ServerContext& context, std::string method)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::StatusOr<v1::CreateKeyResponse> create_reply_ ABSL_GUARDED_BY(mu_) =
      v1::CreateKeyResponse();
  absl::StatusOr<v1::ListKeysResponse> list_reply_ ABSL_GUARDED_BY(mu_) =
      v1::ListKeysResponse();
  absl::Status revoke_reply_ ABSL_GUARDED_BY(mu_);
  absl::StatusOr<v1::KeyUsage> usage_reply_ ABSL_GUARDED_BY(mu_) =
      v1::KeyUsage();
  ObservedAdminCall last_call_ ABSL_GUARDED_BY(mu_);
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_TESTING_FAKE_ADMIN_SERVICE_H_
