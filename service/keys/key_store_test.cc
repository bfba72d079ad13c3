// The stored keys and the directory's cache, against a real redis-server.
#include "service/keys/key_store.h"

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "service/keys/key_directory.h"
#include "service/keys/key_material.h"
#include "tests/redis/connected_client.h"
#include "tests/redis/redis_server_process.h"

namespace literllm {
namespace {

template <typename T>
T Wait(absl::FunctionRef<void(absl::AnyInvocable<void(T) &&>)> start) {
  std::optional<T> out;
  absl::Notification done;
  start([&](T value) {
    out.emplace(std::move(value));
    done.Notify();
  });
  done.WaitForNotification();
  return *std::move(out);
}

class KeyStoreTest : public ::testing::Test {
 protected:
  KeyStoreTest()
      : client_(testing::ClientOptionsFor(redis_)), store_(client_) {}

  void SetUp() override { ASSERT_TRUE(testing::StartConnected(client_)); }

  absl::Status Create(const std::string& name, const std::string& key) {
    v1::KeyPolicy policy;
    policy.set_name(name);
    policy.set_rpm(5);
    return Wait<absl::Status>([&](auto done) {
      store_.Create(policy, KeyHash(key), std::move(done));
    });
  }

  absl::StatusOr<std::shared_ptr<const Caller>> Resolve(
      KeyDirectory& keys, const std::string& key) {
    return Wait<absl::StatusOr<std::shared_ptr<const Caller>>>(
        [&](auto done) { keys.Resolve(key, std::move(done)); });
  }

  testing::RedisServerProcess redis_;
  RedisClient client_;
  KeyStore store_;
};

TEST_F(KeyStoreTest, CreateFindListRevoke) {
  ASSERT_TRUE(Create("team-a", "lk-a").ok());
  ASSERT_TRUE(Create("team-b", "lk-b").ok());
  absl::Status twice = Create("team-a", "lk-other");
  EXPECT_EQ(twice.code(), absl::StatusCode::kAlreadyExists);

  auto found = Wait<absl::StatusOr<KeyStore::MaybePolicy>>(
      [&](auto done) { store_.Find(KeyHash("lk-b"), std::move(done)); });
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->name(), "team-b");
  EXPECT_EQ((*found)->rpm(), 5);
  auto missing = Wait<absl::StatusOr<KeyStore::MaybePolicy>>(
      [&](auto done) { store_.Find(KeyHash("lk-none"), std::move(done)); });
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());

  auto listed = Wait<absl::StatusOr<std::vector<v1::KeyPolicy>>>(
      [&](auto done) { store_.List(std::move(done)); });
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 2u);

  auto revoked = Wait<absl::StatusOr<std::string>>(
      [&](auto done) { store_.Revoke("team-a", std::move(done)); });
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(*revoked, KeyHash("lk-a"));
  auto again = Wait<absl::StatusOr<std::string>>(
      [&](auto done) { store_.Revoke("team-a", std::move(done)); });
  EXPECT_EQ(again.status().code(), absl::StatusCode::kNotFound);
  // The name is free again.
  EXPECT_TRUE(Create("team-a", "lk-a2").ok());
}

TEST_F(KeyStoreTest, NoKeyMaterialIsStored) {
  ASSERT_TRUE(Create("team-a", "lk-plain-secret").ok());
  auto keys = Wait<absl::StatusOr<RedisReply>>([&](auto done) {
    client_.Command({"KEYS", "*"}, std::move(done));
  });
  ASSERT_TRUE(keys.ok()) << keys.status();
  ASSERT_FALSE(keys->elements.empty());
  for (const RedisReply& key : keys->elements) {
    auto dump = Wait<absl::StatusOr<RedisReply>>([&](auto done) {
      client_.Command({"DUMP", key.string}, std::move(done));
    });
    ASSERT_TRUE(dump.ok()) << dump.status();
    EXPECT_EQ(dump->string.find("lk-plain-secret"), std::string::npos)
        << key.string;
  }
}

TEST_F(KeyStoreTest, DirectoryCachesBrieflyAndSurvivesAnOutage) {
  absl::Time now = absl::Now();
  KeyDirectory directory(KeyDirectory::Options{
      .master_key_hash = KeyHash("master"), .store = &store_, .now = [&now] {
        return now;
      }});
  ASSERT_TRUE(Create("team-a", "lk-a").ok());
  auto caller = Resolve(directory, "lk-a");
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ((*caller)->name, "team-a");
  EXPECT_EQ((*caller)->rpm, 5);

  // Revoked: still cached for at most `fresh`, then refused.
  ASSERT_TRUE(Wait<absl::StatusOr<std::string>>([&](auto done) {
                store_.Revoke("team-a", std::move(done));
              }).ok());
  EXPECT_TRUE(Resolve(directory, "lk-a").ok());
  now += absl::Seconds(1);
  EXPECT_EQ(Resolve(directory, "lk-a").status().code(),
            absl::StatusCode::kUnauthenticated);

  // A known key keeps working while Redis is down; an unseen one cannot be
  // checked.
  ASSERT_TRUE(Create("team-b", "lk-b").ok());
  ASSERT_TRUE(Resolve(directory, "lk-b").ok());
  redis_.Kill();
  now += absl::Seconds(30);
  EXPECT_TRUE(Resolve(directory, "lk-b").ok());
  auto unseen = Resolve(directory, "lk-unseen");
  EXPECT_EQ(unseen.status().code(), absl::StatusCode::kUnavailable);
  now += absl::Minutes(11);
  EXPECT_EQ(Resolve(directory, "lk-b").status().code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace literllm
