#ifndef LITERLLM_SERVICE_KEYS_ACCESS_SETUP_H_
#define LITERLLM_SERVICE_KEYS_ACCESS_SETUP_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/builtin_providers.h"
#include "service/config/config.h"
#include "service/keys/key_directory.h"
#include "service/redis/redis_client.h"

namespace literllm {

// Who may call and where their limits are kept, from the config file's
// `auth:` and `redis:` sections and the environment.
struct AccessSetup {
  // SHA-256 of the master key; empty: no keys, the gateway is open.
  std::string master_key_hash;
  std::vector<StaticKey> static_keys;
  // LITERLLM_REDIS_URL, else redis.url; unset: no Redis.
  std::optional<RedisEndpoint> redis;
  absl::Duration redis_timeout;
  absl::Duration usage_batch;
  RedisSettings::OnFailure on_failure = RedisSettings::OnFailure::kDeny;
  bool admin_api = false;  // stored keys and AdminService
};

// Checks and resolves the settings. Errors name the file, line and setting
// and never a key or a password: a key variable that is not set, an
// invalid key policy, two keys with one name or one key, keys without a
// master key, and limits, budgets or the admin API without Redis.
absl::StatusOr<AccessSetup> SetUpAccess(const GatewayConfig& config,
                                        const EnvLookup& env);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_KEYS_ACCESS_SETUP_H_
