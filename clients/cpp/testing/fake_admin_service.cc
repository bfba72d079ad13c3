#include "clients/cpp/testing/fake_admin_service.h"

#include <utility>

namespace literllm {

void FakeAdminService::SetCreateReply(
    absl::StatusOr<v1::CreateKeyResponse> reply) {
  absl::MutexLock lock(&mu_);
  create_reply_ = std::move(reply);
}

void FakeAdminService::SetListReply(
    absl::StatusOr<v1::ListKeysResponse> reply) {
  absl::MutexLock lock(&mu_);
  list_reply_ = std::move(reply);
}

void FakeAdminService::SetRevokeReply(absl::Status reply) {
  absl::MutexLock lock(&mu_);
  revoke_reply_ = std::move(reply);
}

void FakeAdminService::SetUsageReply(absl::StatusOr<v1::KeyUsage> reply) {
  absl::MutexLock lock(&mu_);
  usage_reply_ = std::move(reply);
}

int FakeAdminService::calls() const {
  absl::MutexLock lock(&mu_);
  return calls_;
}

ObservedAdminCall FakeAdminService::last_call() const {
  absl::MutexLock lock(&mu_);
  return last_call_;
}

void FakeAdminService::Observe(const grpc::ServerContext& context,
                               std::string method) {
  ++calls_;
  last_call_ = ObservedAdminCall();
  static_cast<CallMetadata&>(last_call_) = MetadataOf(context);
  last_call_.method = std::move(method);
}

grpc::Status FakeAdminService::CreateKey(grpc::ServerContext* context,
                                         const v1::CreateKeyRequest* request,
                                         v1::CreateKeyResponse* response) {
  absl::MutexLock lock(&mu_);
  Observe(*context, "CreateKey");
  last_call_.create_request = *request;
  return Answer(create_reply_, *response);
}

grpc::Status FakeAdminService::ListKeys(grpc::ServerContext* context,
                                        const v1::ListKeysRequest* /*request*/,
                                        v1::ListKeysResponse* response) {
  absl::MutexLock lock(&mu_);
  Observe(*context, "ListKeys");
  return Answer(list_reply_, *response);
}

grpc::Status FakeAdminService::RevokeKey(grpc::ServerContext* context,
                                         const v1::RevokeKeyRequest* request,
                                         v1::RevokeKeyResponse* /*response*/) {
  absl::MutexLock lock(&mu_);
  Observe(*context, "RevokeKey");
  last_call_.revoke_request = *request;
  return ToGrpcStatus(revoke_reply_);
}

grpc::Status FakeAdminService::GetKeyUsage(
    grpc::ServerContext* context, const v1::GetKeyUsageRequest* request,
    v1::KeyUsage* response) {
  absl::MutexLock lock(&mu_);
  Observe(*context, "GetKeyUsage");
  last_call_.usage_request = *request;
  return Answer(usage_reply_, *response);
}

}  // namespace literllm
