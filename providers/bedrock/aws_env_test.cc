#include "providers/bedrock/aws_env.h"

#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;
using ::testing::StartsWith;

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](
             absl::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(AwsCredentialsFromEnvTest, KeysRegionAndDefaultEndpoint) {
  absl::StatusOr<BedrockAccess> access =
      AwsCredentialsFromEnv(FakeEnv({{"AWS_ACCESS_KEY_ID", "AKID"},
                                     {"AWS_SECRET_ACCESS_KEY", "secret"},
                                     {"AWS_SESSION_TOKEN", "token"},
                                     {"AWS_DEFAULT_REGION", "eu-west-1"}}));
  ASSERT_TRUE(access.ok()) << access.status();
  EXPECT_EQ(access->region, "eu-west-1");
  EXPECT_EQ(access->endpoint,
            "https://bedrock-runtime.eu-west-1.amazonaws.com");
  EXPECT_FALSE(access->uses_bearer_token());
  EXPECT_EQ(access->credentials.access_key_id, "AKID");
  EXPECT_EQ(access->credentials.secret_access_key, "secret");
  EXPECT_EQ(access->credentials.session_token, "token");
}

TEST(AwsCredentialsFromEnvTest, AwsRegionWinsOverDefaultRegion) {
  absl::StatusOr<BedrockAccess> access =
      AwsCredentialsFromEnv(FakeEnv({{"AWS_BEARER_TOKEN_BEDROCK", "key"},
                                     {"AWS_REGION", "us-west-2"},
                                     {"AWS_DEFAULT_REGION", "eu-west-1"}}));
  ASSERT_TRUE(access.ok());
  EXPECT_EQ(access->region, "us-west-2");
}

TEST(AwsCredentialsFromEnvTest, BearerTokenIsPreferredOverKeys) {
  absl::StatusOr<BedrockAccess> access = AwsCredentialsFromEnv(
      FakeEnv({{"AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key"},
               {"AWS_ACCESS_KEY_ID", "AKID"},
               {"AWS_SECRET_ACCESS_KEY", "secret"},
               {"AWS_REGION", "us-east-1"}}));
  ASSERT_TRUE(access.ok());
  EXPECT_TRUE(access->uses_bearer_token());
  absl::StatusOr<HttpHeaderList> headers = BedrockAuthHeaders(
      *access, {"POST", access->endpoint + "/x", {}, ""}, absl::UnixEpoch());
  ASSERT_TRUE(headers.ok());
  EXPECT_THAT(*headers,
              ElementsAre(Pair("Authorization", "Bearer bedrock-api-key")));
}

TEST(AwsCredentialsFromEnvTest, EndpointOverridesInOrder) {
  std::map<std::string, std::string> vars = {
      {"AWS_BEARER_TOKEN_BEDROCK", "k"},
      {"AWS_REGION", "us-east-1"},
      {"AWS_ENDPOINT_URL", "http://all:1/"},
      {"AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://localhost:4566//"}};
  EXPECT_EQ(AwsCredentialsFromEnv(FakeEnv(vars))->endpoint,
            "http://localhost:4566");
  vars.erase("AWS_ENDPOINT_URL_BEDROCK_RUNTIME");
  EXPECT_EQ(AwsCredentialsFromEnv(FakeEnv(vars))->endpoint, "http://all:1");
  vars["AWS_ENDPOINT_URL"] = "no-scheme";
  EXPECT_EQ(AwsCredentialsFromEnv(FakeEnv(vars)).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(AwsCredentialsFromEnvTest, SignsWithKeysAndTheRegion) {
  absl::StatusOr<BedrockAccess> access =
      AwsCredentialsFromEnv(FakeEnv({{"AWS_ACCESS_KEY_ID", "AKID"},
                                     {"AWS_SECRET_ACCESS_KEY", "secret"},
                                     {"AWS_REGION", "ap-south-1"}}));
  ASSERT_TRUE(access.ok());
  absl::StatusOr<HttpHeaderList> headers = BedrockAuthHeaders(
      *access, {"POST", access->endpoint + "/x", {}, ""}, absl::UnixEpoch());
  ASSERT_TRUE(headers.ok()) << headers.status();
  EXPECT_THAT(*headers,
              ElementsAre(Pair("X-Amz-Date", "19700101T000000Z"),
                          Pair("Authorization",
                               StartsWith("AWS4-HMAC-SHA256 Credential=AKID/"
                                          "19700101/ap-south-1/bedrock/"))));
}

TEST(AwsCredentialsFromEnvTest, MissingSettingsNameVariablesNotValues) {
  absl::Status no_region =
      AwsCredentialsFromEnv(FakeEnv({{"AWS_BEARER_TOKEN_BEDROCK", "k"}}))
          .status();
  EXPECT_THAT(no_region.message(), HasSubstr("AWS_REGION"));

  absl::Status half =
      AwsCredentialsFromEnv(
          FakeEnv({{"AWS_REGION", "us-east-1"},
                   {"AWS_SECRET_ACCESS_KEY", "do-not-print-me"}}))
          .status();
  EXPECT_EQ(half.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(half.message(), HasSubstr("AWS_ACCESS_KEY_ID"));
  EXPECT_THAT(half.message(), Not(HasSubstr("do-not-print-me")));

  absl::Status none =
      AwsCredentialsFromEnv(FakeEnv({{"AWS_REGION", "us-east-1"},
                                     {"AWS_ACCESS_KEY_ID", ""},
                                     {"AWS_BEARER_TOKEN_BEDROCK", ""}}))
          .status();
  EXPECT_THAT(none.message(), HasSubstr("AWS_BEARER_TOKEN_BEDROCK"));
}

}  // namespace
}  // namespace literllm
