#include "service/keys/key_store.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

// One hash tag ({keys}) for all of them: scripts touch them together.
constexpr char kPolicies[] = "literllm:{keys}:policies";  // name → policy
constexpr char kNames[] = "literllm:{keys}:names";        // hash → name
constexpr char kHashes[] = "literllm:{keys}:hashes";      // name → hash

// KEYS: policies, names, hashes. ARGV: name, hash, policy. 1: created.
constexpr char kCreate[] = R"lua(
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
return 1
)lua";

// KEYS: names, policies. ARGV: hash. The policy, or nil.
constexpr char kFind[] = R"lua(
local name = redis.call('HGET', KEYS[1], ARGV[1])
if not name then return false end
return redis.call('HGET', KEYS[2], name)
)lua";

// KEYS: policies, names, hashes. ARGV: name. The key's hash, or nil.
constexpr char kRevoke[] = R"lua(
local hash = redis.call('HGET', KEYS[3], ARGV[1])
if not hash then return false end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], hash)
redis.call('HDEL', KEYS[3], ARGV[1])
return hash
)lua";

absl::StatusOr<KeyStore::MaybePolicy> PolicyReply(
    absl::StatusOr<RedisReply> reply) {
  if (!reply.ok()) return reply.status();
  if (reply->type == RedisReply::Type::kNil) return std::nullopt;
  v1::KeyPolicy policy;
  if (reply->type != RedisReply::Type::kString ||
      !policy.ParseFromString(reply->string)) {
    return absl::DataLossError("redis: a stored key policy is unreadable");
  }
  return policy;
}

}  // namespace

KeyStore::KeyStore(RedisClient& redis)
    : redis_(redis),
      create_(redis.AddScript(kCreate)),
      find_(redis.AddScript(kFind)),
      revoke_(redis.AddScript(kRevoke)) {}

void KeyStore::Create(const v1::KeyPolicy& policy, const std::string& key_hash,
                      Done<absl::Status> done) {
  redis_.Eval(create_, {kPolicies, kNames, kHashes},
              {policy.name(), key_hash, policy.SerializeAsString()},
              [name = policy.name(), done = std::move(done)](
                  absl::StatusOr<RedisReply> reply) mutable {
                if (!reply.ok()) return std::move(done)(reply.status());
                if (reply->integer == 1) {
                  return std::move(done)(absl::OkStatus());
                }
                std::move(done)(absl::AlreadyExistsError(
                    absl::StrCat("a key named '", name, "' exists")));
              });
}

void KeyStore::Find(const std::string& key_hash,
                    Done<absl::StatusOr<MaybePolicy>> done) {
  redis_.Eval(
      find_, {kNames, kPolicies}, {key_hash},
      [done = std::move(done)](absl::StatusOr<RedisReply> reply) mutable {
        std::move(done)(PolicyReply(std::move(reply)));
      });
}

void KeyStore::Get(const std::string& name,
                   Done<absl::StatusOr<MaybePolicy>> done) {
  redis_.Command(
      {"HGET", kPolicies, name},
      [done = std::move(done)](absl::StatusOr<RedisReply> reply) mutable {
        std::move(done)(PolicyReply(std::move(reply)));
      });
}

void KeyStore::List(Done<absl::StatusOr<std::vector<v1::KeyPolicy>>> done) {
  redis_.Command(
      {"HVALS", kPolicies},
      [done = std::move(done)](absl::StatusOr<RedisReply> reply) mutable {
        if (!reply.ok()) return std::move(done)(reply.status());
        std::vector<v1::KeyPolicy> policies;
        for (const RedisReply& element : reply->elements) {
          v1::KeyPolicy& policy = policies.emplace_back();
          if (!policy.ParseFromString(element.string)) {
            return std::move(done)(absl::DataLossError(
                "redis: a stored key policy is unreadable"));
          }
        }
        std::move(done)(std::move(policies));
      });
}

void KeyStore::Revoke(const std::string& name,
                      Done<absl::StatusOr<std::string>> done) {
  redis_.Eval(
      revoke_, {kPolicies, kNames, kHashes}, {name},
      [name, done = std::move(done)](absl::StatusOr<RedisReply> reply) mutable {
        if (!reply.ok()) return std::move(done)(reply.status());
        if (reply->type == RedisReply::Type::kNil) {
          return std::move(done)(absl::NotFoundError(
              absl::StrCat("no stored key named '", name, "'")));
        }
        std::move(done)(std::move(reply->string));
      });
}

}  // namespace literllm
