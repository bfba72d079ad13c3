#ifndef LITERLLM_SERVICE_KEYS_KEY_DIRECTORY_H_
#define LITERLLM_SERVICE_KEYS_KEY_DIRECTORY_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "literllm/v1/admin_service.pb.h"
#include "service/call/caller.h"
#include "service/keys/key_store.h"

namespace literllm {

// A key from the config file: its hash and its policy (already checked).
struct StaticKey {
  std::string hash;
  v1::KeyPolicy policy;
};

// Who a presented key belongs to: the master key, a config file key or a
// stored key (KeyStore). Stored keys are cached in the process: an entry is
// used for `fresh` (so a revocation reaches every replica within it) and,
// while Redis is unreachable, for up to `stale`, so a brief outage does not
// lock out callers seen before. Concurrent look-ups of one key share one
// Redis round trip. Thread-safe.
class KeyDirectory {
 public:
  struct Options {
    std::string master_key_hash;  // empty: no keys, the gateway is open
    std::vector<StaticKey> static_keys;
    KeyStore* store = nullptr;  // null: no stored keys (no Redis)
    absl::Duration fresh = absl::Seconds(1);
    absl::Duration stale = absl::Minutes(10);
    std::function<absl::Time()> now = [] { return absl::Now(); };
  };
  // The caller, or UNAUTHENTICATED (no key, an unknown, revoked or expired
  // one), or UNAVAILABLE when Redis cannot tell and nothing is cached. Called
  // once, inline or on the Redis client's thread.
  using Done =
      absl::AnyInvocable<void(
                             absl::StatusOr<std::shared_ptr<const Caller>>) &&>;

  explicit KeyDirectory(Options options);

  // Whether calls need no key (no master key is configured).
  bool open() const { return options_.master_key_hash.empty(); }
  void Resolve(absl::string_view key, Done done);
  // Drops what is cached about the key with this hash (after a revocation).
  void Forget(const std::string& key_hash);

  // The config file's keys.
  const std::vector<StaticKey>& static_keys() const {
    return options_.static_keys;
  }
  // The policy of the config file's key named `name`; null: none is.
  const v1::KeyPolicy* StaticPolicy(absl::string_view name) const;

 private:
  struct Entry {
    std::shared_ptr<const Caller> caller;       // null: no such key
    absl::Time checked = absl::InfinitePast();  // when the answer was asked for
    absl::Time asked;                           // the look-up in flight
    bool fetching = false;
    std::vector<Done> waiters;
  };

  void Fetched(const std::string& hash,
               absl::StatusOr<KeyStore::MaybePolicy> found);
  // The answer for a key that is `caller` (null: unknown).
  absl::StatusOr<std::shared_ptr<const Caller>> Check(
      std::shared_ptr<const Caller> caller) const;

  const Options options_;
  const std::shared_ptr<const Caller> master_;
  absl::flat_hash_map<std::string, std::shared_ptr<const Caller>> by_hash_;

  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> cache_ ABSL_GUARDED_BY(mu_);
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_KEYS_KEY_DIRECTORY_H_
