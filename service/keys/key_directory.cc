#include "service/keys/key_directory.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "service/keys/key_material.h"
#include "service/keys/key_rules.h"
#include "service/telemetry/log.h"

namespace literllm {
namespace {

// Unknown keys are cached too (so a stream of made-up keys cannot flood
// Redis); past this many entries they are dropped first.
constexpr size_t kMaxCachedKeys = 100000;

std::shared_ptr<const Caller> MasterCaller() {
  auto master = std::make_shared<Caller>();
  master->name = "master";
  master->master = true;
  return master;
}

absl::Status MissingKey() {
  return absl::UnauthenticatedError(
      "missing API key: send it as 'authorization: Bearer <key>'");
}

}  // namespace

KeyDirectory::KeyDirectory(Options options)
    : options_(std::move(options)), master_(MasterCaller()) {
  for (const StaticKey& key : options_.static_keys) {
    absl::StatusOr<Caller> caller = CallerFromPolicy(key.policy);
    // Checked when the config was read; a bad one here is a bug.
    if (caller.ok()) {
      by_hash_[key.hash] = std::make_shared<const Caller>(*std::move(caller));
    }
  }
}

const v1::KeyPolicy* KeyDirectory::StaticPolicy(absl::string_view name) const {
  for (const StaticKey& key : options_.static_keys) {
    if (key.policy.name() == name) return &key.policy;
  }
  return nullptr;
}

absl::StatusOr<std::shared_ptr<const Caller>> KeyDirectory::Check(
    std::shared_ptr<const Caller> caller) const {
  if (caller == nullptr) {
    return absl::UnauthenticatedError("invalid API key");
  }
  if (caller->expires_at.has_value() && options_.now() >= *caller->expires_at) {
    return absl::UnauthenticatedError(
        absl::StrCat("API key '", caller->name, "' expired at ",
                     absl::FormatTime(absl::RFC3339_sec, *caller->expires_at,
                                      absl::UTCTimeZone())));
  }
  return caller;
}

void KeyDirectory::Resolve(absl::string_view key, Done done) {
  if (key.empty()) return std::move(done)(MissingKey());
  std::string hash = KeyHash(key);
  if (SameKeyHash(hash, options_.master_key_hash)) {
    return std::move(done)(master_);
  }
  if (auto it = by_hash_.find(hash); it != by_hash_.end()) {
    return std::move(done)(Check(it->second));
  }
  if (options_.store == nullptr) return std::move(done)(Check(nullptr));
  std::shared_ptr<const Caller> cached;
  bool fetch = false;
  {
    absl::MutexLock lock(&mu_);
    if (cache_.size() >= kMaxCachedKeys && !cache_.contains(hash)) {
      absl::erase_if(cache_, [](const auto& entry) {
        return entry.second.caller == nullptr && !entry.second.fetching;
      });
    }
    Entry& entry = cache_[hash];
    const absl::Time now = options_.now();
    if (now - entry.checked >= options_.fresh) {
      entry.waiters.push_back(std::move(done));
      if (entry.fetching) return;
      entry.fetching = fetch = true;
      // An answer counts from when it was asked for, so a revocation that
      // races the look-up still takes effect within `fresh`.
      entry.asked = now;
    } else {
      cached = entry.caller;
    }
  }
  if (!fetch) return std::move(done)(Check(std::move(cached)));
  options_.store->Find(
      hash, [this, hash](absl::StatusOr<KeyStore::MaybePolicy> found) {
        Fetched(hash, std::move(found));
      });
}

void KeyDirectory::Fetched(const std::string& hash,
                           absl::StatusOr<KeyStore::MaybePolicy> found) {
  std::shared_ptr<const Caller> caller;
  if (found.ok() && found->has_value()) {
    absl::StatusOr<Caller> parsed = CallerFromPolicy(**found);
    if (parsed.ok()) {
      caller = std::make_shared<const Caller>(*std::move(parsed));
    } else {
      Log("error", "a stored key policy is invalid; the key is refused",
          {{"key_name", (*found)->name()},
           {"error", std::string(parsed.status().message())}});
    }
  }
  std::vector<Done> waiters;
  absl::StatusOr<std::shared_ptr<const Caller>> answer;
  {
    absl::MutexLock lock(&mu_);
    Entry& entry = cache_[hash];
    entry.fetching = false;
    waiters = std::move(entry.waiters);
    entry.waiters.clear();
    absl::Time now = options_.now();
    if (found.ok()) {
      entry.caller = caller;
      entry.checked = entry.asked;
    } else if (now - entry.checked < options_.stale) {
      caller = entry.caller;  // Redis is down: what was known still holds
    }
    if (found.ok() || now - entry.checked < options_.stale) {
      answer = Check(std::move(caller));
    } else {
      answer = absl::UnavailableError(
          absl::StrCat("cannot check the API key: ", found.status().message()));
    }
  }
  for (Done& waiter : waiters) std::move(waiter)(answer);
}

void KeyDirectory::Forget(const std::string& key_hash) {
  absl::MutexLock lock(&mu_);
  if (auto it = cache_.find(key_hash);
      it != cache_.end() && !it->second.fetching) {
    cache_.erase(it);
  }
}

}  // namespace literllm
