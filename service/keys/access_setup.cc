#include "service/keys/access_setup.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "service/keys/key_material.h"
#include "service/keys/key_rules.h"

namespace literllm {
namespace {

constexpr char kMasterKeyEnv[] = "LITERLLM_MASTER_KEY";
constexpr char kRedisUrlEnv[] = "LITERLLM_REDIS_URL";

std::optional<std::string> NonEmpty(const EnvLookup& env,
                                    absl::string_view name) {
  std::optional<std::string> value = env(name);
  if (value.has_value() && value->empty()) return std::nullopt;
  return value;
}

v1::KeyPolicy PolicyOf(const StaticKeySettings& key) {
  v1::KeyPolicy policy;
  policy.set_name(key.name);
  for (const std::string& model : key.models) policy.add_models(model);
  policy.set_rpm(key.rpm);
  policy.set_tpm(key.tpm);
  policy.set_budget_usd(key.budget_usd);
  policy.set_budget_period(key.budget_period);
  policy.set_expires_at_unix(key.expires_at_unix);
  return policy;
}

absl::Status KeyError(const StaticKeySettings& key, size_t index,
                      absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(Where(key.location),
                                                 "auth.keys[", index, "] (",
                                                 key.name, "): ", problem));
}

absl::Status SetUpStaticKeys(const GatewayConfig& config, const EnvLookup& env,
                             AccessSetup& setup) {
  absl::flat_hash_set<std::string> names;
  absl::flat_hash_set<std::string> hashes;
  for (size_t i = 0; i < config.auth.keys.size(); ++i) {
    const StaticKeySettings& key = config.auth.keys[i];
    StaticKey out{.policy = PolicyOf(key)};
    absl::StatusOr<Caller> caller = CallerFromPolicy(out.policy);
    if (!caller.ok()) return KeyError(key, i, caller.status().message());
    if (key.key_env.has_value()) {
      std::optional<std::string> value = NonEmpty(env, *key.key_env);
      if (!value.has_value()) {
        return KeyError(key, i,
                        absl::StrCat("key_env: ", *key.key_env, " is not set"));
      }
      out.hash = KeyHash(*value);
    } else {
      out.hash = *key.key_sha256;
    }
    if (!names.insert(key.name).second) {
      return KeyError(key, i, "another key has this name");
    }
    if (!hashes.insert(out.hash).second ||
        SameKeyHash(out.hash, setup.master_key_hash)) {
      return KeyError(key, i, "the same key is configured twice");
    }
    if (caller->limited() && !setup.redis.has_value()) {
      return KeyError(key, i,
                      absl::StrCat("rpm, tpm and budgets are counted in "
                                   "Redis: set redis.url or ",
                                   kRedisUrlEnv));
    }
    setup.static_keys.push_back(std::move(out));
  }
  if (!setup.static_keys.empty() && setup.master_key_hash.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        Where(config.auth.location), "auth.keys: keys need a master key: set ",
        config.auth.master_key_env.value_or(kMasterKeyEnv)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<AccessSetup> SetUpAccess(const GatewayConfig& config,
                                        const EnvLookup& env) {
  AccessSetup setup;
  setup.redis_timeout = config.redis.timeout;
  setup.usage_batch = config.redis.usage_batch;
  setup.on_failure = config.redis.on_failure;
  const std::string master_env =
      config.auth.master_key_env.value_or(kMasterKeyEnv);
  if (std::optional<std::string> master = NonEmpty(env, master_env)) {
    setup.master_key_hash = KeyHash(*master);
  } else if (config.auth.master_key_env.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat(Where(config.auth.location),
                     "auth.master_key_env: ", master_env, " is not set"));
  }

  std::optional<std::string> url = NonEmpty(env, kRedisUrlEnv);
  const bool from_env = url.has_value();
  if (!from_env) url = config.redis.url;
  if (url.has_value()) {
    absl::StatusOr<RedisEndpoint> endpoint = ParseRedisUrl(*url);
    if (!endpoint.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          from_env ? absl::StrCat(kRedisUrlEnv, ": ")
                   : absl::StrCat(Where(config.redis.location), "redis.url: "),
          endpoint.status().message()));
    }
    setup.redis = *std::move(endpoint);
  }

  if (absl::Status keys = SetUpStaticKeys(config, env, setup); !keys.ok()) {
    return keys;
  }
  setup.admin_api = config.auth.admin_api.value_or(
      setup.redis.has_value() && !setup.master_key_hash.empty());
  if (setup.admin_api && !setup.redis.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        Where(config.auth.location),
        "auth.admin_api: the admin API stores keys in Redis: set redis.url "
        "or ",
        kRedisUrlEnv));
  }
  if (setup.admin_api && setup.master_key_hash.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        Where(config.auth.location),
        "auth.admin_api: the admin API is called with the master key: set ",
        master_env));
  }
  return setup;
}

}  // namespace literllm
