#include "service/tracing/provider_names.h"

#include <map>
#include <string>

#include "gtest/gtest.h"
#include "providers/builtin_providers.h"
#include "providers/builtin_providers_testing.h"

namespace literllm {
namespace {

TEST(GenAiProviderNameTest, WellKnownProvidersUseTheConventionsNames) {
  const std::map<std::string, std::string> expected = {
      {"openai", "openai"},
      {"anthropic", "anthropic"},
      {"gemini", "gcp.gemini"},
      {"azure", "azure.ai.openai"},
      {"groq", "groq"},
      {"mistral", "mistral_ai"},
      {"codestral", "mistral_ai"},
      {"deepseek", "deepseek"},
      {"perplexity", "perplexity"},
      {"xai", "x_ai"},
  };
  for (const auto& [kind, name] : expected) {
    EXPECT_EQ(GenAiProviderName(kind), name) << kind;
  }
}

// The conventions list no name for the long tail: its rows go by their own.
TEST(GenAiProviderNameTest, OtherBuiltinProvidersGoByTheirOwnName) {
  for (const char* kind : {"together", "deepinfra", "nvidia_nim", "lm_studio",
                           "huggingface", "dashscope"}) {
    ASSERT_NE(FindBuiltinProvider(kind), nullptr) << kind;
    EXPECT_EQ(GenAiProviderName(kind), kind);
  }
}

TEST(GenAiProviderNamesTest, EveryBuiltinProviderHasAName) {
  std::map<std::string, std::string> env;
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    env[kind.key_env] = "k";
    if (kind.default_base_url.empty()) {
      env[kind.base_url_env] = "https://configured.example";
    }
  }
  GenAiProviderNames names(ProviderRegistry::FromEnvironment(FakeEnv(env)));
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    EXPECT_EQ(names.Of(kind.name), GenAiProviderName(kind.name)) << kind.name;
    EXPECT_FALSE(names.Of(kind.name).empty()) << kind.name;
  }
  EXPECT_EQ(names.Of("codestral"), "mistral_ai");
}

}  // namespace
}  // namespace literllm
