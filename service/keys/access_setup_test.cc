#include "service/keys/access_setup.h"

#include <map>

#include "gtest/gtest.h"
#include "service/keys/key_material.h"

namespace literllm {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](absl::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

GatewayConfig Parsed(absl::string_view yaml) {
  absl::StatusOr<GatewayConfig> config = ParseConfig(yaml, "gw.yaml");
  EXPECT_TRUE(config.ok()) << config.status();
  return config.ok() ? *config : GatewayConfig();
}

TEST(AccessSetupTest, OpenByDefault) {
  absl::StatusOr<AccessSetup> access = SetUpAccess(GatewayConfig(), Env({}));
  ASSERT_TRUE(access.ok()) << access.status();
  EXPECT_TRUE(access->master_key_hash.empty());
  EXPECT_FALSE(access->redis.has_value());
  EXPECT_FALSE(access->admin_api);
}

TEST(AccessSetupTest, MasterKeyAndRedisFromEnvironment) {
  absl::StatusOr<AccessSetup> access = SetUpAccess(
      GatewayConfig(), Env({{"LITERLLM_MASTER_KEY", "m"},
                            {"LITERLLM_REDIS_URL", "redis://:pw@r:6380/2"}}));
  ASSERT_TRUE(access.ok()) << access.status();
  EXPECT_EQ(access->master_key_hash, KeyHash("m"));
  ASSERT_TRUE(access->redis.has_value());
  EXPECT_EQ(access->redis->host, "r");
  EXPECT_EQ(access->redis->port, 6380);
  EXPECT_EQ(access->redis->db, 2);
  EXPECT_TRUE(access->admin_api);
  EXPECT_EQ(access->redis_timeout, absl::Milliseconds(50));
}

TEST(AccessSetupTest, StaticKeysFromHashAndEnvironment) {
  GatewayConfig config = Parsed(absl::StrCat(R"(
auth:
  master_key_env: GW_MASTER
  keys:
    - name: team-a
      key_sha256: )",
                                             KeyHash("a-secret"), R"(
      models: [openai/*, smart]
    - name: team-b
      key_env: TEAM_B_KEY
redis:
  url: redis://localhost:6379
  timeout: 20ms
  on_failure: allow
)"));
  absl::StatusOr<AccessSetup> access = SetUpAccess(
      config, Env({{"GW_MASTER", "m"}, {"TEAM_B_KEY", "b-secret"}}));
  ASSERT_TRUE(access.ok()) << access.status();
  ASSERT_EQ(access->static_keys.size(), 2u);
  EXPECT_EQ(access->static_keys[0].hash, KeyHash("a-secret"));
  EXPECT_EQ(access->static_keys[0].policy.models_size(), 2);
  EXPECT_EQ(access->static_keys[1].hash, KeyHash("b-secret"));
  EXPECT_EQ(access->redis_timeout, absl::Milliseconds(20));
  EXPECT_EQ(access->on_failure, RedisSettings::OnFailure::kAllow);
}

std::string SetupError(absl::string_view yaml,
                       std::map<std::string, std::string> env) {
  absl::StatusOr<AccessSetup> access = SetUpAccess(Parsed(yaml), Env(env));
  EXPECT_FALSE(access.ok());
  return std::string(access.status().message());
}

TEST(AccessSetupTest, ErrorsNameTheSettingNeverTheSecret) {
  EXPECT_NE(SetupError("auth:\n  master_key_env: GW_MASTER\n", {})
                .find("auth.master_key_env: GW_MASTER is not set"),
            std::string::npos);
  std::string no_redis = SetupError(
      "auth:\n  keys:\n    - name: a\n      key_env: A\n      rpm: 5\n",
      {{"LITERLLM_MASTER_KEY", "m"}, {"A", "a-secret"}});
  EXPECT_NE(no_redis.find("auth.keys[0] (a): rpm, tpm and budgets"),
            std::string::npos)
      << no_redis;
  EXPECT_NE(SetupError("auth:\n  keys:\n    - name: a\n      key_env: A\n",
                       {{"A", "a-secret"}})
                .find("keys need a master key"),
            std::string::npos);
  EXPECT_NE(SetupError("auth:\n  keys:\n    - name: a\n      key_env: A\n",
                       {{"LITERLLM_MASTER_KEY", "m"}})
                .find("key_env: A is not set"),
            std::string::npos);
  std::string twice = SetupError(
      "auth:\n  keys:\n    - name: a\n      key_env: A\n"
      "    - name: a\n      key_env: B\n",
      {{"LITERLLM_MASTER_KEY", "m"}, {"A", "x"}, {"B", "y"}});
  EXPECT_NE(twice.find("another key has this name"), std::string::npos);
  std::string same =
      SetupError("auth:\n  keys:\n    - name: a\n      key_env: A\n",
                 {{"LITERLLM_MASTER_KEY", "m"}, {"A", "m"}});
  EXPECT_NE(same.find("the same key is configured twice"), std::string::npos);
  EXPECT_NE(
      SetupError("auth:\n  admin_api: true\n", {{"LITERLLM_MASTER_KEY", "m"}})
          .find("auth.admin_api"),
      std::string::npos);
  std::string bad_policy = SetupError(
      "auth:\n  keys:\n    - name: a\n      key_env: A\n"
      "      budget_period: weekly\n",
      {{"LITERLLM_MASTER_KEY", "m"}, {"A", "a-secret"}});
  EXPECT_NE(bad_policy.find("budget_period:"), std::string::npos);
  EXPECT_EQ(bad_policy.find("a-secret"), std::string::npos);
  std::string bad_url =
      SetupError("", {{"LITERLLM_REDIS_URL", "http://:hunter2@r:6379"}});
  EXPECT_NE(bad_url.find("LITERLLM_REDIS_URL"), std::string::npos);
  EXPECT_EQ(bad_url.find("hunter2"), std::string::npos);
}

TEST(AccessSetupTest, SecretsAreNeverWrittenInTheFile) {
  absl::StatusOr<GatewayConfig> config = ParseConfig(
      "auth:\n  keys:\n    - name: a\n      key: lk-plain\n", "gw.yaml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message().find("lk-plain"), std::string::npos);
  config = ParseConfig("auth:\n  master_key: hunter2\n", "gw.yaml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message().find("hunter2"), std::string::npos);
  config = ParseConfig(
      "auth:\n  keys:\n    - name: a\n      key_sha256: lk-not-a-hash\n",
      "gw.yaml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message().find("lk-not-a-hash"), std::string::npos);
  config = ParseConfig("redis:\n  on_failure: maybe\n", "gw.yaml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("deny or allow"), std::string::npos);
}

}  // namespace
}  // namespace literllm
