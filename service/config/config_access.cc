// The `auth:` and `redis:` sections: caller keys and the Redis that shares
// their limits. Keys are never written in the file, only their SHA-256 or
// the environment variable that holds them.
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "service/config/config_sections.h"

namespace literllm {
namespace config_internal {
namespace {

absl::Status ReadWhole(const ConfigEntry& entry, int64_t& out) {
  int64_t value = 0;
  if (!entry.value.IsScalar()) return TypeError(entry, "a whole number");
  if (!YAML::convert<int64_t>::decode(entry.value, value) || value < 0) {
    return ValueError(entry, "expected a whole number >= 0");
  }
  out = value;
  return absl::OkStatus();
}

absl::Status ReadBool(const ConfigEntry& entry, std::optional<bool>& out) {
  bool value = false;
  if (!entry.value.IsScalar() ||
      !YAML::convert<bool>::decode(entry.value, value)) {
    return ValueError(entry, "expected true or false");
  }
  out = value;
  return absl::OkStatus();
}

absl::Status ReadKeyHash(const ConfigEntry& entry,
                         std::optional<std::string>& out) {
  std::string hash;
  absl::Status status = ReadString(entry, hash);
  if (!status.ok()) return status;
  bool hex = hash.size() == 64;
  for (char c : hash)
    hex = hex && absl::ascii_isxdigit(static_cast<unsigned char>(c));
  if (!hex) {
    return ValueError(entry,
                      "expected the key's SHA-256 as 64 hex digits (e.g. "
                      "printf %s \"$KEY\" | sha256sum), never the key itself");
  }
  out = absl::AsciiStrToLower(hash);
  return absl::OkStatus();
}

absl::Status ReadStaticKey(const ConfigEntry& entry, StaticKeySettings& key) {
  key.location = LocationAt(*entry.file, entry.value.Mark());
  absl::Status status =
      ForEachEntry(entry, [&](const ConfigEntry& field) -> absl::Status {
        const std::string& name = field.key.Scalar();
        if (name == "name") return ReadString(field, key.name);
        if (name == "key_sha256") return ReadKeyHash(field, key.key_sha256);
        if (name == "key_env") return ReadEnvName(field, key.key_env);
        if (name == "models") return ReadStringList(field, key.models);
        if (name == "rpm") return ReadWhole(field, key.rpm);
        if (name == "tpm") return ReadWhole(field, key.tpm);
        if (name == "budget_usd") {
          return ReadNumber(field, "a number (USD)", key.budget_usd);
        }
        if (name == "budget_period") {
          return ReadString(field, key.budget_period);
        }
        if (name == "expires_at_unix") {
          return ReadWhole(field, key.expires_at_unix);
        }
        if (name == "key" || name == "api_key") {
          return KeyError(field,
                          "keys are not written in the config file; give "
                          "key_sha256 or key_env");
        }
        return UnknownKey(
            field, {"name", "key_sha256", "key_env", "models", "rpm", "tpm",
                    "budget_usd", "budget_period", "expires_at_unix"});
      });
  if (!status.ok()) return status;
  if (key.name.empty()) return KeyError(entry, "name is required");
  if (key.key_sha256.has_value() == key.key_env.has_value()) {
    return KeyError(entry, "give exactly one of key_sha256 and key_env");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ReadAuth(const ConfigEntry& section, AuthSettings& auth) {
  auth.location = LocationAt(*section.file, section.key.Mark());
  return ForEachEntry(section, [&](const ConfigEntry& field) -> absl::Status {
    const std::string& key = field.key.Scalar();
    if (key == "master_key_env") {
      return ReadEnvName(field, auth.master_key_env);
    }
    if (key == "admin_api") return ReadBool(field, auth.admin_api);
    if (key == "keys") {
      return ForEachItem(field, "a list of keys",
                         [&](const ConfigEntry& item) -> absl::Status {
                           StaticKeySettings settings;
                           absl::Status status = ReadStaticKey(item, settings);
                           if (status.ok()) auth.keys.push_back(settings);
                           return status;
                         });
    }
    if (key == "master_key") {
      return KeyError(field,
                      "keys are not written in the config file; name the "
                      "environment variable that holds it in master_key_env");
    }
    return UnknownKey(field, {"master_key_env", "admin_api", "keys"});
  });
}

absl::Status ReadRedis(const ConfigEntry& section, RedisSettings& redis) {
  redis.location = LocationAt(*section.file, section.key.Mark());
  return ForEachEntry(section, [&](const ConfigEntry& field) -> absl::Status {
    const std::string& key = field.key.Scalar();
    if (key == "url") return ReadString(field, redis.url);
    if (key == "timeout") return ReadDuration(field, redis.timeout);
    if (key == "usage_batch") {
      // Zero is allowed here: write each call's usage at once.
      if (field.value.IsScalar() && field.value.Scalar() == "0s") {
        redis.usage_batch = absl::ZeroDuration();
        return absl::OkStatus();
      }
      return ReadDuration(field, redis.usage_batch);
    }
    if (key == "on_failure") {
      std::string mode;
      absl::Status status = ReadString(field, mode);
      if (!status.ok()) return status;
      if (mode == "deny") {
        redis.on_failure = RedisSettings::OnFailure::kDeny;
      } else if (mode == "allow") {
        redis.on_failure = RedisSettings::OnFailure::kAllow;
      } else {
        return ValueError(field, "expected deny or allow");
      }
      return absl::OkStatus();
    }
    return UnknownKey(field, {"url", "timeout", "usage_batch", "on_failure"});
  });
}

}  // namespace config_internal
}  // namespace literllm
