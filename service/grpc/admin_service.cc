#include "service/grpc/admin_service.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/functional/any_invocable.h"
#include "absl/strings/str_cat.h"
#include "service/grpc/grpc_call_context.h"
#include "service/grpc/grpc_status.h"
#include "service/keys/key_material.h"
#include "service/keys/key_rules.h"

namespace literllm {

// One admin call: checks the master key, then runs the method's work, which
// finishes it exactly once (on the Redis client's thread, or this one).
class AdminService::Call {
 public:
  using Finish = absl::AnyInvocable<void(absl::Status)>;
  using Work = absl::AnyInvocable<void(Finish) &&>;

  static grpc::ServerUnaryReactor* Start(AdminService& service,
                                         grpc::CallbackServerContext* context,
                                         Work work) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    Finish finish = [&service, reactor, context](absl::Status status) {
      reactor->Finish(ToGrpcStatus(status, service.redactor_, context));
    };
    if (service.store_ == nullptr) {
      finish(absl::FailedPreconditionError(
          "the admin API is off: it needs a master key (LITERLLM_MASTER_KEY) "
          "and Redis (redis.url or LITERLLM_REDIS_URL)"));
      return reactor;
    }
    std::string key = GrpcCallContext(*context, /*stream=*/false).caller_key;
    service.directory_.Resolve(
        key, [finish = std::move(finish), work = std::move(work)](
                 absl::StatusOr<std::shared_ptr<const Caller>> caller) mutable {
          if (!caller.ok()) return finish(caller.status());
          if (!(*caller)->master) {
            return finish(absl::PermissionDeniedError(
                "the admin API needs the master key"));
          }
          std::move(work)(std::move(finish));
        });
    return reactor;
  }
};

grpc::ServerUnaryReactor* AdminService::CreateKey(
    grpc::CallbackServerContext* context, const v1::CreateKeyRequest* request,
    v1::CreateKeyResponse* response) {
  return Call::Start(
      *this, context, [this, request, response](Call::Finish finish) {
        absl::StatusOr<Caller> valid = CallerFromPolicy(request->policy());
        if (!valid.ok()) {
          return finish(absl::InvalidArgumentError(
              absl::StrCat("policy.", valid.status().message())));
        }
        if (directory_.StaticPolicy(request->policy().name()) != nullptr) {
          return finish(absl::AlreadyExistsError(
              absl::StrCat("a key named '", request->policy().name(),
                           "' is defined in the config file")));
        }
        std::string key = NewCallerKey();
        std::string hash = KeyHash(key);
        *response->mutable_policy() = request->policy();
        store_->Create(
            request->policy(), hash,
            [response, key = std::move(key),
             finish = std::move(finish)](absl::Status status) mutable {
              if (status.ok()) response->set_key(std::move(key));
              finish(std::move(status));
            });
      });
}

grpc::ServerUnaryReactor* AdminService::ListKeys(
    grpc::CallbackServerContext* context, const v1::ListKeysRequest* request,
    v1::ListKeysResponse* response) {
  return Call::Start(*this, context, [this, response](Call::Finish finish) {
    store_->List(
        [this, response, finish = std::move(finish)](
            absl::StatusOr<std::vector<v1::KeyPolicy>> stored) mutable {
          if (!stored.ok()) return finish(stored.status());
          for (const StaticKey& key : directory_.static_keys()) {
            *response->add_keys() = key.policy;
          }
          for (v1::KeyPolicy& policy : *stored) {
            *response->add_keys() = std::move(policy);
          }
          auto* keys = response->mutable_keys();
          std::sort(keys->begin(), keys->end(),
                    [](const v1::KeyPolicy& a, const v1::KeyPolicy& b) {
                      return a.name() < b.name();
                    });
          finish(absl::OkStatus());
        });
  });
}

grpc::ServerUnaryReactor* AdminService::RevokeKey(
    grpc::CallbackServerContext* context, const v1::RevokeKeyRequest* request,
    v1::RevokeKeyResponse* response) {
  return Call::Start(*this, context, [this, request](Call::Finish finish) {
    if (absl::Status name = CheckKeyName(request->name()); !name.ok()) {
      return finish(name);
    }
    if (directory_.StaticPolicy(request->name()) != nullptr) {
      return finish(absl::FailedPreconditionError(
          absl::StrCat("key '", request->name(),
                       "' is defined in the config file: remove it there")));
    }
    store_->Revoke(request->name(),
                   [this, finish = std::move(finish)](
                       absl::StatusOr<std::string> hash) mutable {
                     if (hash.ok()) directory_.Forget(*hash);
                     finish(hash.status());
                   });
  });
}

grpc::ServerUnaryReactor* AdminService::GetKeyUsage(
    grpc::CallbackServerContext* context, const v1::GetKeyUsageRequest* request,
    v1::KeyUsage* response) {
  return Call::Start(
      *this, context, [this, request, response](Call::Finish finish) {
        if (absl::Status name = CheckKeyName(request->name()); !name.ok()) {
          return finish(name);
        }
        auto report = [this, response](const v1::KeyPolicy& policy,
                                       Call::Finish finish) {
          absl::StatusOr<Caller> caller = CallerFromPolicy(policy);
          if (!caller.ok()) return finish(caller.status());
          ledger_->Usage(policy.name(), caller->budget_period,
                         [response, finish = std::move(finish)](
                             absl::StatusOr<v1::KeyUsage> usage) mutable {
                           if (usage.ok()) *response = *std::move(usage);
                           finish(usage.status());
                         });
        };
        if (const v1::KeyPolicy* policy =
                directory_.StaticPolicy(request->name())) {
          return report(*policy, std::move(finish));
        }
        store_->Get(
            request->name(),
            [name = request->name(), report, finish = std::move(finish)](
                absl::StatusOr<KeyStore::MaybePolicy> policy) mutable {
              if (!policy.ok()) return finish(policy.status());
              if (!policy->has_value()) {
                return finish(absl::NotFoundError(
                    absl::StrCat("no key named '", name, "'")));
              }
              report(**policy, std::move(finish));
            });
      });
}

}  // namespace literllm
