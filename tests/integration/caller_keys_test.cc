// Caller keys through real gateway replicas sharing one real Redis: who may
// call (master, static and admin-made keys, over gRPC and HTTP), which models
// they see and use, and the admin API (usage_limits_test: the limits).
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/caller_keys_fixture.h"
#include "tests/integration/openai_fixtures.h"

namespace literllm::testing {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::DoubleNear;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

std::vector<std::string> HttpModelIds(const HttpAnswer& answer) {
  std::vector<std::string> ids;
  google::protobuf::Struct json = answer.Json();
  auto data = json.fields().find("data");
  if (data == json.fields().end()) return ids;
  for (const auto& model : data->second.list_value().values()) {
    auto id = model.struct_value().fields().find("id");
    if (id != model.struct_value().fields().end()) {
      ids.push_back(id->second.string_value());
    }
  }
  return ids;
}

// ------------------------------------------------------------ who may call

TEST_F(CallerKeysOneReplicaTest, GrpcCallsWithoutAValidKeyAreUnauthenticated) {
  EXPECT_EQ(Chat(0, "").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Stream(0, "").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  std::vector<std::string> ids;
  EXPECT_EQ(ListModels(0, "", &ids).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(ids.empty());
  EXPECT_EQ(Chat(0, "sk-made-up-0123456789").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // The master key in another scheme is no key.
  auto basic = KeyContext("");
  basic->AddMetadata("authorization", absl::StrCat("Basic ", kMasterKey));
  EXPECT_EQ(Chat(0, "", "openai/gpt-4o", nullptr, basic.get()).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  grpc::Status expired = Chat(0, kTeamBKey);
  EXPECT_EQ(expired.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(expired.error_message(), HasSubstr("expired"));
  EXPECT_EQ(ChatRequestsUpstream(), 0);
}

TEST_F(CallerKeysOneReplicaTest, HttpCallsWithoutAValidKeyGetOpenAiStyle401) {
  for (const std::string& key :
       {std::string(), std::string("sk-wrong-0123"), std::string(kTeamBKey)}) {
    HttpAnswer answer = HttpChat(0, key);
    EXPECT_EQ(answer.status, 401) << key << "\n" << answer.body;
    EXPECT_EQ(answer.ErrorField("type"), "authentication_error") << answer.body;
    EXPECT_NE(answer.ErrorField("message"), "") << answer.body;
    EXPECT_EQ(Http(0, "GET", "/v1/models", key).status, 401) << key;
  }
  EXPECT_EQ(ChatRequestsUpstream(), 0);
}

TEST_F(CallerKeysOneReplicaTest, AnthropicFrontChecksKeysForChatAndCounting) {
  const std::string count =
      R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hi"}]})";
  const std::string message =
      R"({"model":"openai/gpt-4o","max_tokens":10,"messages":)"
      R"([{"role":"user","content":"Hi"}]})";
  for (const std::string& key : {std::string(), std::string("sk-wrong-0123")}) {
    for (const auto& [path, body] :
         {std::pair{"/v1/messages/count_tokens", count},
          std::pair{"/v1/messages", message}}) {
      HttpAnswer answer = Http(0, "POST", path, key, body);
      EXPECT_EQ(answer.status, 401) << path << " " << answer.body;
      EXPECT_EQ(answer.ErrorField("type"), "authentication_error")
          << answer.body;
    }
  }
  HttpAnswer counted =
      Http(0, "POST", "/v1/messages/count_tokens", kTeamAKey, count);
  EXPECT_EQ(counted.status, 200) << counted.body;
  EXPECT_EQ(counted.body, R"({"input_tokens":1})");
  HttpAnswer denied =
      Http(0, "POST", "/v1/messages/count_tokens", kHashedKey, count);
  EXPECT_EQ(denied.status, 403) << denied.body;
  EXPECT_EQ(denied.ErrorField("type"), "permission_error") << denied.body;
  EXPECT_EQ(Http(0, "POST", "/v1/messages", kTeamAKey, message).status, 200);
  EXPECT_EQ(ChatRequestsUpstream(), 1);
}

TEST_F(CallerKeysOneReplicaTest, KeysWorkAsBearerTokensAndAsXApiKey) {
  EXPECT_TRUE(Chat(0, kTeamAKey).ok());
  EXPECT_TRUE(Chat(0, kHashedKey, "groq/llama-3.1-8b").ok());
  auto x_api_key = KeyContext(kTeamAKey, absl::Seconds(20), "x-api-key");
  grpc::Status status = Chat(0, "", "openai/gpt-4o", nullptr, x_api_key.get());
  EXPECT_TRUE(status.ok()) << status.error_message();
  auto wrong = KeyContext("sk-wrong-0123", absl::Seconds(20), "x-api-key");
  EXPECT_EQ(Chat(0, "", "openai/gpt-4o", nullptr, wrong.get()).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(HttpChat(0, kTeamAKey).status, 200);
  EXPECT_EQ(ChatRequestsUpstream(), 4);
}

TEST_F(CallerKeysOneReplicaTest, ModelsOffTheAllowlistAreDeniedByName) {
  grpc::Status denied = Chat(0, kTeamAKey, "groq/llama-3.1-8b");
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(denied.error_message(), HasSubstr("groq/llama-3.1-8b"));
  // The alias's own target is not on the list; the alias is.
  EXPECT_EQ(Chat(0, kTeamAKey, "groq/llama-3.1-70b").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Stream(0, kTeamAKey, "groq/llama-3.1-8b").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Chat(0, kHashedKey, "openai/gpt-4o").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  HttpAnswer http = HttpChat(0, kTeamAKey, "groq/llama-3.1-8b");
  EXPECT_EQ(http.status, 403) << http.body;
  EXPECT_THAT(http.ErrorField("message"), HasSubstr("groq/llama-3.1-8b"));
  EXPECT_EQ(ChatRequestsUpstream(), 0);

  v1::ChatCompletionResponse response;
  grpc::Status alias = Chat(0, kTeamAKey, "smart", &response);
  ASSERT_TRUE(alias.ok()) << alias.error_message();
  EXPECT_EQ(response.provider(), "groq");
  EXPECT_TRUE(Chat(0, kTeamAKey, "openai/gpt-4o-mini").ok());
  EXPECT_TRUE(Stream(0, kTeamAKey, "openai/gpt-4o").ok());
  EXPECT_EQ(ChatRequestsUpstream(), 3);
}

TEST_F(CallerKeysOneReplicaTest, MasterKeyMayUseEveryModel) {
  EXPECT_TRUE(Chat(0, kMasterKey, "groq/llama-3.1-8b").ok());
  EXPECT_TRUE(Chat(0, kMasterKey, "openai/gpt-4o").ok());
  EXPECT_TRUE(Stream(0, kMasterKey, "smart").ok());
  EXPECT_EQ(HttpChat(0, kMasterKey, "groq/llama-3.1-8b").status, 200);
}

TEST_F(CallerKeysOneReplicaTest, ModelListsShowOnlyAllowedModels) {
  std::vector<std::string> ids;
  ASSERT_TRUE(ListModels(0, kTeamAKey, &ids).ok());
  EXPECT_THAT(ids, UnorderedElementsAre("openai/gpt-4o", "openai/gpt-4o-mini",
                                        "smart"));
  EXPECT_THAT(
      HttpModelIds(Http(0, "GET", "/v1/models", kTeamAKey)),
      UnorderedElementsAre("openai/gpt-4o", "openai/gpt-4o-mini", "smart"));
  ids.clear();
  ASSERT_TRUE(ListModels(0, kHashedKey, &ids).ok());
  EXPECT_THAT(ids, UnorderedElementsAre("groq/llama-3.1-8b"));
  ids.clear();
  ASSERT_TRUE(ListModels(0, kMasterKey, &ids).ok());
  EXPECT_THAT(ids, UnorderedElementsAre("openai/gpt-4o", "openai/gpt-4o-mini",
                                        "groq/llama-3.1-8b", "smart"));
  EXPECT_THAT(HttpModelIds(Http(0, "GET", "/v1/models", kMasterKey)),
              Contains("groq/llama-3.1-8b"));
}

// --------------------------------------------------------------- admin API

TEST_F(CallerKeysThreeReplicasTest, CreatedKeysWorkAtOnceOnEveryReplica) {
  v1::CreateKeyResponse created =
      CreateKeyOk(0, Policy("made", {"openai/*"}, /*rpm=*/100));
  EXPECT_TRUE(absl::StartsWith(created.key(), "lk-")) << created.key();
  EXPECT_EQ(created.policy().name(), "made");
  EXPECT_EQ(created.policy().rpm(), 100);
  for (int i = 0; i < 3; ++i) {
    grpc::Status status = Chat(i, created.key());
    EXPECT_TRUE(status.ok()) << i << ": " << status.error_message();
    EXPECT_EQ(Chat(i, created.key(), "groq/llama-3.1-8b").error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_EQ(HttpChat(2, created.key()).status, 200);
  // Two keys never share a value.
  EXPECT_NE(CreateKeyOk(1, Policy("made-2")).key(), created.key());
}

TEST_F(CallerKeysOneReplicaTest, KeyNamesAreUnique) {
  CreateKeyOk(0, Policy("dup"));
  EXPECT_EQ(CreateKey(0, kMasterKey, Policy("dup")).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(CreateKey(0, kMasterKey, Policy("team-a")).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(CallerKeysOneReplicaTest, ListKeysShowsStaticAndStoredPolicies) {
  CreateKeyOk(0, Policy("stored", {"openai/gpt-4o"}, 5, 50, 1.5));
  auto context = KeyContext(kMasterKey);
  v1::ListKeysResponse listed;
  grpc::Status status =
      admin(0).ListKeys(context.get(), v1::ListKeysRequest(), &listed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<std::string> names;
  for (const v1::KeyPolicy& policy : listed.keys()) {
    names.push_back(policy.name());
    if (policy.name() == "stored") {
      EXPECT_EQ(policy.rpm(), 5);
      EXPECT_EQ(policy.tpm(), 50);
      EXPECT_EQ(policy.budget_usd(), 1.5);
      EXPECT_THAT(policy.models(), UnorderedElementsAre("openai/gpt-4o"));
    }
  }
  EXPECT_THAT(names, UnorderedElementsAre("team-a", "hashed", "old", "stored"));
  EXPECT_THAT(listed.DebugString(),
              AllOf(Not(HasSubstr(kTeamAKey)), Not(HasSubstr(kTeamBKey))));
}

TEST_F(CallerKeysOneReplicaTest, BadPoliciesAreInvalidArguments) {
  v1::KeyPolicy negative_rpm = Policy("neg", {}, -1);
  v1::KeyPolicy weekly = Policy("weekly", {}, 0, 0, 1);
  weekly.set_budget_period("weekly");
  for (const v1::KeyPolicy& policy :
       {negative_rpm, weekly, Policy("a b"), Policy(""),
        Policy("neg-tpm", {}, 0, -5), Policy("neg-budget", {}, 0, 0, -1)}) {
    grpc::Status status = CreateKey(0, kMasterKey, policy);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << policy.ShortDebugString() << ": " << status.error_message();
  }
  v1::KeyPolicy daily = Policy("daily", {}, 0, 0, 1);
  daily.set_budget_period("1d");
  EXPECT_TRUE(CreateKey(0, kMasterKey, daily).ok());
}

TEST_F(CallerKeysOneReplicaTest, OnlyTheMasterKeyMayAdminister) {
  std::string made = CreateKeyOk(0, Policy("made")).key();
  for (const std::string& key : {std::string(kTeamAKey), made}) {
    EXPECT_EQ(CreateKey(0, key, Policy("mine")).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    auto context = KeyContext(key);
    v1::ListKeysResponse listed;
    EXPECT_EQ(admin(0).ListKeys(context.get(), {}, &listed).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    context = KeyContext(key);
    v1::RevokeKeyRequest revoke;
    revoke.set_name("made");
    v1::RevokeKeyResponse revoked;
    EXPECT_EQ(admin(0).RevokeKey(context.get(), revoke, &revoked).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    context = KeyContext(key);
    v1::GetKeyUsageRequest usage_request;
    usage_request.set_name("made");
    v1::KeyUsage usage;
    EXPECT_EQ(
        admin(0).GetKeyUsage(context.get(), usage_request, &usage).error_code(),
        grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_EQ(CreateKey(0, "", Policy("mine")).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(CreateKey(0, "lk-not-a-real-key", Policy("mine")).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // None of the refused calls changed anything.
  EXPECT_TRUE(Chat(0, made).ok());
  v1::KeyUsage usage;
  EXPECT_EQ(GetKeyUsage(0, "mine", &usage).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(CallerKeysOneReplicaTest,
       RevokedKeysStopWorkingAndUnknownNamesAreNotFound) {
  EXPECT_EQ(RevokeKey(0, "nobody").error_code(), grpc::StatusCode::NOT_FOUND);
  v1::KeyUsage usage;
  EXPECT_EQ(GetKeyUsage(0, "nobody", &usage).error_code(),
            grpc::StatusCode::NOT_FOUND);
  std::string key = CreateKeyOk(0, Policy("short-lived")).key();
  ASSERT_TRUE(Chat(0, key).ok());
  ASSERT_TRUE(RevokeKey(0, "short-lived").ok());
  EXPECT_EQ(Chat(0, key).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(HttpChat(0, key).status, 401);
  EXPECT_EQ(RevokeKey(0, "short-lived").error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(CallerKeysThreeReplicasTest, UsageCountsRequestsTokensAndSpend) {
  std::string key = CreateKeyOk(0, Policy("metered", {"openai/*"}, 1000)).key();
  v1::ChatCompletionResponse first, second;
  v1::ChatCompletionChunk last;
  ASSERT_TRUE(Chat(0, key, "openai/gpt-4o", &first).ok());
  ASSERT_TRUE(Chat(1, key, "openai/gpt-4o", &second).ok());
  ASSERT_TRUE(Stream(2, key, "openai/gpt-4o", &last).ok());
  // Rejected calls count for nothing.
  EXPECT_EQ(Chat(1, key, "groq/llama-3.1-8b").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  double spent = first.estimated_cost_usd() + second.estimated_cost_usd() +
                 last.estimated_cost_usd();
  ASSERT_GT(spent, 0);
  const int prompt = 2 * kUnaryPrompt + kStreamPrompt;
  v1::KeyUsage usage = WaitForUsage(1, "metered", [&](const v1::KeyUsage& u) {
    return u.prompt_tokens() >= prompt;
  });
  EXPECT_EQ(usage.name(), "metered");
  EXPECT_EQ(usage.requests(), 3);
  EXPECT_EQ(usage.prompt_tokens(), prompt);
  EXPECT_EQ(usage.completion_tokens(),
            2 * kUnaryCompletion + kStreamCompletion);
  EXPECT_THAT(usage.spend_usd(), DoubleNear(spent, 1e-12));
  EXPECT_EQ(usage.period_start_unix(), 0);  // a lifetime budget
}

}  // namespace
}  // namespace literllm::testing
