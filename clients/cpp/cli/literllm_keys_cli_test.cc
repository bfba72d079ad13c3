// Runs `literllm keys ...` (the built binary) against an in-process fake
// AdminService.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "clients/cpp/testing/cli_runner.h"
#include "clients/cpp/testing/fake_llm_service.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

CliResult RunCli(const std::vector<std::string>& args,
                 const std::vector<std::string>& env = {}) {
  return RunCliBinary(LITERLLM_CLI_PATH, args, env);
}

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// 2025-01-31T12:00:00Z
constexpr int64_t kJan31Noon = 1738324800;

v1::KeyPolicy TeamPolicy() {
  v1::KeyPolicy policy;
  policy.set_name("team-a");
  policy.add_models("openai/*");
  policy.add_models("smart");
  policy.set_rpm(60);
  policy.set_tpm(100000);
  policy.set_budget_usd(25.5);
  policy.set_budget_period("30d");
  policy.set_expires_at_unix(kJan31Noon);
  return policy;
}

class LiterllmKeysCliTest : public ::testing::Test {
 protected:
  // Runs `literllm --target <fake> --api-key sk-master args...`.
  CliResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--target", target_, "--api-key", "sk-master"});
    return RunCli(args);
  }

  FakeLlmServer server_;
  FakeAdminService& admin_ = server_.admin();
  const std::string target_ = server_.target();
};

TEST_F(LiterllmKeysCliTest, CreatePrintsKeyOnceAndPolicy) {
  v1::CreateKeyResponse created;
  created.set_key("lk-0123456789abcdef");
  *created.mutable_policy() = TeamPolicy();
  admin_.SetCreateReply(created);

  CliResult result = Run({"keys", "create", "team-a"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 3u) << result.out;
  EXPECT_EQ(lines[0], "lk-0123456789abcdef");
  EXPECT_THAT(lines[1], StartsWith("NAME    MODELS          RPM"));
  EXPECT_EQ(lines[2],
            "team-a  openai/*,smart   60  100000       25.50  30d     "
            "2025-01-31T12:00:00Z");
  EXPECT_THAT(result.err, HasSubstr("shown only this once"));
  ObservedAdminCall call = admin_.last_call();
  EXPECT_EQ(call.method, "CreateKey");
  EXPECT_EQ(call.authorization, "Bearer sk-master");
}

TEST_F(LiterllmKeysCliTest, CreateFlagsMapToPolicyFields) {
  CliResult result =
      Run({"keys", "create", "--models", "openai/*, anthropic/claude-haiku-4-5",
           "team-b", "--rpm", "60", "--tpm=5000", "--budget-usd", "12.5",
           "--budget-period", "1d", "--expires-at", "1738324800", "--timeout",
           "20"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  ObservedAdminCall call = admin_.last_call();
  const v1::KeyPolicy& policy = call.create_request.policy();
  EXPECT_EQ(policy.name(), "team-b");
  EXPECT_THAT(policy.models(),
              ElementsAre("openai/*", "anthropic/claude-haiku-4-5"));
  EXPECT_EQ(policy.rpm(), 60);
  EXPECT_EQ(policy.tpm(), 5000);
  EXPECT_EQ(policy.budget_usd(), 12.5);
  EXPECT_EQ(policy.budget_period(), "1d");
  EXPECT_EQ(policy.expires_at_unix(), kJan31Noon);
  EXPECT_TRUE(DeadlineNear(call.deadline_remaining, absl::Seconds(20)));
}

TEST_F(LiterllmKeysCliTest, CreateWithoutFlagsSendsAnUnlimitedPolicy) {
  CliResult result = Run({"keys", "create", "open"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  v1::KeyPolicy expected;
  expected.set_name("open");
  EXPECT_EQ(admin_.last_call().create_request.policy().SerializeAsString(),
            expected.SerializeAsString());
}

TEST_F(LiterllmKeysCliTest, CreateJsonPrintsTheResponse) {
  v1::CreateKeyResponse created;
  created.set_key("lk-json");
  *created.mutable_policy() = TeamPolicy();
  admin_.SetCreateReply(created);

  CliResult result = Run({"--json", "keys", "create", "team-a"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(Lines(result.out).size(), 1u) << result.out;
  EXPECT_THAT(result.out, StartsWith(R"({"key":"lk-json","policy":{)"));
  EXPECT_THAT(result.out, HasSubstr(R"("budget_period":"30d")"));
  EXPECT_THAT(result.out, HasSubstr(R"("expires_at_unix":"1738324800")"));
}

TEST_F(LiterllmKeysCliTest, ListPrintsATable) {
  v1::ListKeysResponse keys;
  *keys.add_keys() = TeamPolicy();
  keys.add_keys()->set_name("ci");  // every model, no limits
  admin_.SetListReply(keys);

  CliResult result = Run({"keys", "list"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "NAME    MODELS          RPM     TPM  BUDGET USD  PERIOD    "
            "EXPIRES\n"
            "team-a  openai/*,smart   60  100000       25.50  30d       "
            "2025-01-31T12:00:00Z\n"
            "ci      *                 -       -           -  lifetime  "
            "never\n");
  EXPECT_EQ(admin_.last_call().method, "ListKeys");
  EXPECT_EQ(admin_.last_call().authorization, "Bearer sk-master");
}

TEST_F(LiterllmKeysCliTest, ListJson) {
  v1::ListKeysResponse keys;
  *keys.add_keys() = TeamPolicy();
  admin_.SetListReply(keys);

  CliResult result = Run({"keys", "list", "--json"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, StartsWith(R"({"keys":[{"name":"team-a",)"));
  EXPECT_THAT(result.out, HasSubstr(R"("models":["openai/*","smart"])"));
  EXPECT_THAT(result.out, HasSubstr(R"("budget_usd":25.5)"));
}

TEST_F(LiterllmKeysCliTest, RevokeSendsTheName) {
  CliResult result = Run({"keys", "revoke", "team-a"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "revoked team-a\n");
  ObservedAdminCall call = admin_.last_call();
  EXPECT_EQ(call.method, "RevokeKey");
  EXPECT_EQ(call.revoke_request.name(), "team-a");
}

TEST_F(LiterllmKeysCliTest, UsagePrintsCountersAndPeriodStart) {
  v1::KeyUsage usage;
  usage.set_name("team-a");
  usage.set_requests(12);
  usage.set_prompt_tokens(3400);
  usage.set_completion_tokens(560);
  usage.set_spend_usd(0.0123);
  usage.set_period_start_unix(kJan31Noon);
  admin_.SetUsageReply(usage);

  CliResult result = Run({"keys", "usage", "team-a"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "name:               team-a\n"
            "requests:           12\n"
            "prompt tokens:      3400\n"
            "completion tokens:  560\n"
            "spend USD:          0.0123\n"
            "period start:       2025-01-31T12:00:00Z\n");
  EXPECT_EQ(admin_.last_call().method, "GetKeyUsage");
  EXPECT_EQ(admin_.last_call().usage_request.name(), "team-a");
}

TEST_F(LiterllmKeysCliTest, UsageOfALifetimeBudget) {
  v1::KeyUsage usage;
  usage.set_name("ci");
  admin_.SetUsageReply(usage);

  CliResult result = Run({"keys", "usage", "ci"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("period start:       lifetime\n"));
}

TEST_F(LiterllmKeysCliTest, UsageJson) {
  v1::KeyUsage usage;
  usage.set_name("team-a");
  usage.set_prompt_tokens(3400);
  usage.set_spend_usd(0.5);
  admin_.SetUsageReply(usage);

  CliResult result = Run({"--json", "keys", "usage", "team-a"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            R"({"name":"team-a","prompt_tokens":"3400","spend_usd":0.5})"
            "\n");
}

TEST_F(LiterllmKeysCliTest, ErrorStatusPrintsCodeAndExitsOne) {
  admin_.SetRevokeReply(absl::PermissionDeniedError("needs the master key"));

  CliResult result = Run({"keys", "revoke", "team-a"});

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "error: PERMISSION_DENIED: needs the master key\n");
}

TEST_F(LiterllmKeysCliTest, CreateErrorPrintsNoKeyNote) {
  admin_.SetCreateReply(absl::AlreadyExistsError("key 'team-a' exists"));

  CliResult result = Run({"keys", "create", "team-a"});

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "error: ALREADY_EXISTS: key 'team-a' exists\n");
}

TEST_F(LiterllmKeysCliTest, MasterKeyFromTheEnvironment) {
  CliResult result =
      RunCli({"keys", "list"},
             {"LITERLLM_TARGET=" + target_, "LITERLLM_API_KEY=sk-env-master"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(admin_.last_call().authorization, "Bearer sk-env-master");
}

TEST_F(LiterllmKeysCliTest, UsageErrorsExitTwoWithoutACall) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"keys"},
           {"keys", "rotate", "team-a"},
           {"keys", "create"},
           {"keys", "create", ""},
           {"keys", "create", "a", "b"},
           {"keys", "revoke"},
           {"keys", "usage"},
           {"keys", "list", "team-a"},
           {"keys", "create", "a", "--rpm", "lots"},
           {"keys", "create", "a", "--rpm=-1"},
           {"keys", "create", "a", "--tpm", "1.5"},
           {"keys", "create", "a", "--budget-usd", "ten"},
           {"keys", "create", "a", "--expires-at", "tomorrow"},
           {"keys", "create", "a", "--models", "a,,b"},
           {"keys", "create", "a", "--rpm"},
           {"keys", "revoke", "a", "--rpm", "5"},
           {"keys", "list", "-m", "openai/gpt-4o"},
           {"models", "--budget-usd", "5"}}) {
    CliResult result = Run(args);
    EXPECT_EQ(result.exit_code, 2) << absl::StrJoin(args, " ");
    EXPECT_THAT(result.err, HasSubstr("usage: literllm"));
    EXPECT_EQ(result.out, "");
  }
  EXPECT_EQ(admin_.calls(), 0);
}

TEST(LiterllmKeysCliUsageTest, MessagesNameTheProblem) {
  EXPECT_THAT(RunCli({"keys", "create"}).err,
              StartsWith("error: keys create needs one NAME\n"));
  EXPECT_THAT(RunCli({"keys", "rotate"}).err,
              StartsWith("error: unknown keys subcommand 'rotate'"));
  EXPECT_THAT(RunCli({"keys", "create", "a", "--rpm", "lots"}).err,
              StartsWith("error: --rpm needs an integer >= 0, got 'lots'\n"));
}

TEST(LiterllmKeysCliUsageTest, HelpDescribesKeys) {
  CliResult result = RunCli({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.out, HasSubstr("keys create NAME"));
  EXPECT_THAT(result.out, HasSubstr("--budget-period"));
  EXPECT_THAT(result.out, HasSubstr("master key"));
}

}  // namespace
}  // namespace literllm
