#ifndef LITERLLM_SERVICE_KEYS_KEY_STORE_H_
#define LITERLLM_SERVICE_KEYS_KEY_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "literllm/v1/admin_service.pb.h"
#include "service/redis/redis_client.h"

namespace literllm {

// The caller keys made through the admin API, in Redis, shared by every
// replica: each key's policy by name, and the name by the key's SHA-256 (the
// key itself is never stored). All of it sits under one hash tag, so each
// change is one atomic script, also on Redis Cluster. Callbacks run on the
// Redis client's loop thread and must not block; Redis failures are
// UNAVAILABLE statuses naming Redis.
class KeyStore {
 public:
  template <typename T>
  using Done = absl::AnyInvocable<void(T) &&>;
  using MaybePolicy = std::optional<v1::KeyPolicy>;

  // Registers the store's scripts: before `redis` starts.
  explicit KeyStore(RedisClient& redis);

  // ALREADY_EXISTS when a stored key has the name.
  void Create(const v1::KeyPolicy& policy, const std::string& key_hash,
              Done<absl::Status> done);
  // The policy of the key with this hash; nullopt: no such key.
  void Find(const std::string& key_hash,
            Done<absl::StatusOr<MaybePolicy>> done);
  // The policy of the key named `name`; nullopt: no such key.
  void Get(const std::string& name, Done<absl::StatusOr<MaybePolicy>> done);
  void List(Done<absl::StatusOr<std::vector<v1::KeyPolicy>>> done);
  // Removes the key; its hash, or NOT_FOUND.
  void Revoke(const std::string& name, Done<absl::StatusOr<std::string>> done);

 private:
  RedisClient& redis_;
  RedisClient::ScriptId create_;
  RedisClient::ScriptId find_;
  RedisClient::ScriptId revoke_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_KEYS_KEY_STORE_H_
