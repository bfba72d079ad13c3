#include "service/keys/key_rules.h"

#include "gtest/gtest.h"
#include "service/keys/key_material.h"

namespace literllm {
namespace {

v1::KeyPolicy Policy(absl::string_view name) {
  v1::KeyPolicy policy;
  policy.set_name(std::string(name));
  return policy;
}

TEST(KeyRulesTest, Names) {
  EXPECT_TRUE(CheckKeyName("team-a_1.prod").ok());
  EXPECT_TRUE(CheckKeyName(std::string(64, 'a')).ok());
  EXPECT_FALSE(CheckKeyName("").ok());
  EXPECT_FALSE(CheckKeyName(std::string(65, 'a')).ok());
  EXPECT_FALSE(CheckKeyName("team a").ok());
  EXPECT_FALSE(CheckKeyName("team{a}").ok());
  EXPECT_FALSE(CheckKeyName("tëam").ok());
}

TEST(KeyRulesTest, BudgetPeriods) {
  EXPECT_EQ(*ParseBudgetPeriod(""), absl::ZeroDuration());
  EXPECT_EQ(*ParseBudgetPeriod("30m"), absl::Minutes(30));
  EXPECT_EQ(*ParseBudgetPeriod("1h"), absl::Hours(1));
  EXPECT_EQ(*ParseBudgetPeriod("1d"), absl::Hours(24));
  EXPECT_EQ(*ParseBudgetPeriod("30d"), absl::Hours(24 * 30));
  for (const char* bad :
       {"0d", "-1d", "1w", "d", "1.5h", "1 d", "+1d", "99999999d", "1s"}) {
    absl::StatusOr<absl::Duration> period = ParseBudgetPeriod(bad);
    EXPECT_FALSE(period.ok()) << bad;
    EXPECT_EQ(period.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST(KeyRulesTest, PolicyBecomesCaller) {
  v1::KeyPolicy policy = Policy("team");
  policy.add_models("openai/*");
  policy.set_rpm(10);
  policy.set_tpm(1000);
  policy.set_budget_usd(2.5);
  policy.set_budget_period("1d");
  policy.set_expires_at_unix(2000000000);
  absl::StatusOr<Caller> caller = CallerFromPolicy(policy);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->name, "team");
  EXPECT_EQ(caller->rpm, 10);
  EXPECT_EQ(caller->tpm, 1000);
  EXPECT_EQ(caller->budget_usd, 2.5);
  EXPECT_EQ(caller->budget_period, absl::Hours(24));
  EXPECT_EQ(caller->expires_at, absl::FromUnixSeconds(2000000000));
  EXPECT_TRUE(caller->MayUse("openai/gpt-4o"));
  EXPECT_FALSE(caller->MayUse("groq/llama"));
}

TEST(KeyRulesTest, BadPoliciesNameTheField) {
  auto error = [](v1::KeyPolicy policy) {
    absl::StatusOr<Caller> caller = CallerFromPolicy(policy);
    EXPECT_EQ(caller.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(caller.status().message());
  };
  EXPECT_EQ(error(Policy("")).rfind("name:", 0), 0u);
  v1::KeyPolicy p = Policy("a");
  p.set_rpm(-1);
  EXPECT_EQ(error(p).rfind("rpm:", 0), 0u);
  p = Policy("a");
  p.set_tpm(-5);
  EXPECT_EQ(error(p).rfind("tpm:", 0), 0u);
  p = Policy("a");
  p.set_budget_usd(-0.01);
  EXPECT_EQ(error(p).rfind("budget_usd:", 0), 0u);
  p = Policy("a");
  p.set_budget_usd(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(error(p).rfind("budget_usd:", 0), 0u);
  p = Policy("a");
  p.set_budget_period("weekly");
  EXPECT_EQ(error(p).rfind("budget_period:", 0), 0u);
  p = Policy("a");
  p.add_models("");
  EXPECT_EQ(error(p).rfind("models:", 0), 0u);
  p = Policy("a");
  p.add_models("openai/gpt 4o");
  EXPECT_EQ(error(p).rfind("models:", 0), 0u);
  p = Policy("a");
  p.set_expires_at_unix(-1);
  EXPECT_EQ(error(p).rfind("expires_at_unix:", 0), 0u);
}

TEST(KeyMaterialTest, NewKeysAreLongRandomAndPrefixed) {
  std::string a = NewCallerKey();
  std::string b = NewCallerKey();
  EXPECT_EQ(a.rfind("lk-", 0), 0u);
  EXPECT_GE(a.size(), 3u + 43u);  // 256 bits in base64url
  EXPECT_NE(a, b);
}

TEST(KeyMaterialTest, HashIsSha256Hex) {
  // printf %s abc | sha256sum
  EXPECT_EQ(KeyHash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(SameKeyHash(KeyHash("k"), KeyHash("k")));
  EXPECT_FALSE(SameKeyHash(KeyHash("k"), KeyHash("j")));
  EXPECT_FALSE(SameKeyHash(KeyHash("k"), ""));
}

}  // namespace
}  // namespace literllm
