#ifndef LITERLLM_SERVICE_GRPC_ADMIN_SERVICE_H_
#define LITERLLM_SERVICE_GRPC_ADMIN_SERVICE_H_

#include "literllm/v1/admin_service.grpc.pb.h"
#include "service/keys/key_directory.h"
#include "service/keys/key_store.h"
#include "service/limits/usage_ledger.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// literllm.v1.AdminService: stored caller keys, for master-key callers only
// (UNAUTHENTICATED without a valid key, PERMISSION_DENIED with another).
// `store` and `ledger` are null when the admin API is off (no Redis): every
// method then answers FAILED_PRECONDITION saying what to configure.
class AdminService final : public v1::AdminService::CallbackService {
 public:
  AdminService(KeyDirectory& directory, KeyStore* store, UsageLedger* ledger,
               const SecretRedactor& redactor)
      : directory_(directory),
        store_(store),
        ledger_(ledger),
        redactor_(redactor) {}

  grpc::ServerUnaryReactor* CreateKey(grpc::CallbackServerContext* context,
                                      const v1::CreateKeyRequest* request,
                                      v1::CreateKeyResponse* response) override;
  grpc::ServerUnaryReactor* ListKeys(grpc::CallbackServerContext* context,
                                     const v1::ListKeysRequest* request,
                                     v1::ListKeysResponse* response) override;
  grpc::ServerUnaryReactor* RevokeKey(grpc::CallbackServerContext* context,
                                      const v1::RevokeKeyRequest* request,
                                      v1::RevokeKeyResponse* response) override;
  grpc::ServerUnaryReactor* GetKeyUsage(grpc::CallbackServerContext* context,
                                        const v1::GetKeyUsageRequest* request,
                                        v1::KeyUsage* response) override;

 private:
  class Call;

  KeyDirectory& directory_;
  KeyStore* const store_;
  UsageLedger* const ledger_;
  const SecretRedactor& redactor_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_GRPC_ADMIN_SERVICE_H_
