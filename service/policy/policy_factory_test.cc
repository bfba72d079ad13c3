#include "service/policy/policy_factory.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

absl::Status Admit(const PolicyChain& chain,
                   const v1::ChatCompletionRequest& request) {
  CallContext context;
  absl::Status result = absl::UnknownError("admit never answered");
  chain.Admit(context, request,
              [&result](absl::Status status) { result = std::move(status); });
  return result;
}

TEST(PolicyFactoryTest, ValidationRejectsMalformedRequestsFirst) {
  CallStats stats;
  KeyDirectory keys({});
  PolicyChain chain =
      BuildPolicyChain(GatewayConfig(), PolicyServices{stats, keys});
  v1::ChatCompletionRequest request;
  request.set_model("openai/gpt-4o");
  absl::Status rejected = Admit(chain, request);
  EXPECT_EQ(rejected.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(rejected.message().find("messages"), absl::string_view::npos)
      << rejected;
  request.add_messages()->set_role("user");
  request.mutable_messages(0)->set_content("Hi");
  EXPECT_TRUE(Admit(chain, request).ok());
}

TEST(PolicyFactoryTest, CallStatsObserveEveryOutcome) {
  CallStats stats;
  KeyDirectory keys({});
  PolicyChain chain =
      BuildPolicyChain(GatewayConfig(), PolicyServices{stats, keys});
  CallContext context;
  CallOutcome outcome;
  outcome.context = &context;
  outcome.status = absl::UnavailableError("down");
  chain.Finished(outcome);
  outcome.status = absl::OkStatus();
  chain.Finished(outcome);
  EXPECT_EQ(stats.count(absl::StatusCode::kUnavailable), 1);
  EXPECT_EQ(stats.count(absl::StatusCode::kOk), 1);
  EXPECT_EQ(stats.total(), 2);
}

TEST(PolicyFactoryTest, AnAccessLogGetsALinePerCallWhenOn) {
  CallStats stats;
  KeyDirectory keys({});
  const size_t without =
      BuildPolicyChain(GatewayConfig(), PolicyServices{stats, keys}).size();
  const std::string path =
      absl::StrCat(::testing::TempDir(), "policy_factory_access.log");
  std::remove(path.c_str());
  AccessLog log;
  ASSERT_TRUE(log.Start(path).ok());
  PolicyServices services{stats, keys};
  services.access_log = &log;
  PolicyChain chain = BuildPolicyChain(GatewayConfig(), services);
  EXPECT_EQ(chain.size(), without + 1);
  CallContext context;
  CallOutcome outcome;
  outcome.context = &context;
  outcome.status = absl::InvalidArgumentError("rejected");
  chain.Finished(outcome);
  log.Stop();
  std::ifstream in(path);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_NE(line.find(R"("status":"INVALID_ARGUMENT")"), std::string::npos)
      << line;
  EXPECT_FALSE(std::getline(in, line)) << "more than one line: " << line;
}

}  // namespace
}  // namespace literllm
