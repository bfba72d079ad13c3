#include "service/keys/key_directory.h"

#include "gtest/gtest.h"
#include "service/keys/key_material.h"

namespace literllm {
namespace {

absl::StatusOr<std::shared_ptr<const Caller>> Resolve(KeyDirectory& directory,
                                                      absl::string_view key) {
  absl::StatusOr<std::shared_ptr<const Caller>> result =
      absl::UnknownError("never answered");
  directory.Resolve(key, [&](absl::StatusOr<std::shared_ptr<const Caller>> c) {
    result = std::move(c);
  });
  return result;
}

KeyDirectory::Options WithKeys(absl::Time* now) {
  KeyDirectory::Options options;
  options.master_key_hash = KeyHash("master-secret");
  v1::KeyPolicy team;
  team.set_name("team");
  team.add_models("openai/*");
  options.static_keys.push_back({KeyHash("team-secret"), team});
  v1::KeyPolicy old;
  old.set_name("old");
  old.set_expires_at_unix(1000);
  options.static_keys.push_back({KeyHash("old-secret"), old});
  options.now = [now] { return *now; };
  return options;
}

TEST(KeyDirectoryTest, OpenWithoutMasterKey) {
  KeyDirectory directory({});
  EXPECT_TRUE(directory.open());
}

TEST(KeyDirectoryTest, MasterAndStaticKeys) {
  absl::Time now = absl::FromUnixSeconds(500);
  KeyDirectory directory(WithKeys(&now));
  EXPECT_FALSE(directory.open());
  auto master = Resolve(directory, "master-secret");
  ASSERT_TRUE(master.ok()) << master.status();
  EXPECT_TRUE((*master)->master);
  auto team = Resolve(directory, "team-secret");
  ASSERT_TRUE(team.ok()) << team.status();
  EXPECT_EQ((*team)->name, "team");
  EXPECT_FALSE((*team)->master);
  ASSERT_NE(directory.StaticPolicy("team"), nullptr);
  EXPECT_EQ(directory.StaticPolicy("team")->models(0), "openai/*");
  EXPECT_EQ(directory.StaticPolicy("other"), nullptr);
}

TEST(KeyDirectoryTest, MissingUnknownAndExpiredKeysAreUnauthenticated) {
  absl::Time now = absl::FromUnixSeconds(500);
  KeyDirectory directory(WithKeys(&now));
  auto missing = Resolve(directory, "");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(missing.status().message().find("Bearer"), absl::string_view::npos);
  auto unknown = Resolve(directory, "made-up-secret");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(unknown.status().message().find("made-up-secret"),
            absl::string_view::npos);
  EXPECT_TRUE(Resolve(directory, "old-secret").ok());
  now = absl::FromUnixSeconds(1000);
  auto expired = Resolve(directory, "old-secret");
  EXPECT_EQ(expired.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(expired.status().message().find("'old' expired"),
            absl::string_view::npos)
      << expired.status();
  EXPECT_EQ(expired.status().message().find("old-secret"),
            absl::string_view::npos);
}

}  // namespace
}  // namespace literllm
