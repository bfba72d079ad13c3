#include "service/call/caller.h"

#include "gtest/gtest.h"

namespace literllm {
namespace {

TEST(CallerTest, EmptyAllowlistAllowsEveryModel) {
  Caller caller;
  EXPECT_TRUE(caller.MayUse("openai/gpt-4o"));
  EXPECT_TRUE(caller.MayUse("my-alias"));
}

TEST(CallerTest, ExactNamesAndAliases) {
  Caller caller{.name = "team", .models = {"openai/gpt-4o-mini", "smart"}};
  EXPECT_TRUE(caller.MayUse("openai/gpt-4o-mini"));
  EXPECT_TRUE(caller.MayUse("smart"));
  EXPECT_FALSE(caller.MayUse("openai/gpt-4o"));
  EXPECT_FALSE(caller.MayUse("smarter"));
  EXPECT_FALSE(caller.MayUse(""));
}

TEST(CallerTest, ProviderWildcard) {
  Caller caller{.name = "team", .models = {"anthropic/*"}};
  EXPECT_TRUE(caller.MayUse("anthropic/claude-sonnet-4-5"));
  EXPECT_FALSE(caller.MayUse("anthropic"));
  EXPECT_FALSE(caller.MayUse("anthropicx/model"));
  EXPECT_FALSE(caller.MayUse("openai/gpt-4o"));
}

TEST(CallerTest, StarAndMasterAllowEverything) {
  EXPECT_TRUE((Caller{.name = "a", .models = {"*"}}).MayUse("groq/llama"));
  EXPECT_TRUE((Caller{.name = "m", .master = true, .models = {"x/y"}})
                  .MayUse("groq/llama"));
}

TEST(CallerTest, Limited) {
  EXPECT_FALSE(Caller{}.limited());
  EXPECT_TRUE((Caller{.rpm = 1}).limited());
  EXPECT_TRUE((Caller{.tpm = 1}).limited());
  EXPECT_TRUE((Caller{.budget_usd = 0.5}).limited());
}

}  // namespace
}  // namespace literllm
