#include "providers/registry.h"

#include <map>
#include <string>

#include "gtest/gtest.h"

namespace literllm {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](absl::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(RegistryTest, ConfiguresProvidersWhoseKeyIsSet) {
  auto registry =
      ProviderRegistry::FromEnvironment(FakeEnv({{"OPENAI_API_KEY", "k"}}));
  const Provider* openai = registry.Find("openai");
  ASSERT_NE(openai, nullptr);
  EXPECT_EQ(openai->config().base_url, "https://api.openai.com/v1");
  EXPECT_EQ(registry.secrets(), std::vector<std::string>{"k"});
}

TEST(RegistryTest, BaseUrlFromEnvironmentWithoutTrailingSlash) {
  auto registry = ProviderRegistry::FromEnvironment(
      FakeEnv({{"OPENAI_API_KEY", "k"},
               {"OPENAI_BASE_URL", "http://127.0.0.1:9/v1/"}}));
  EXPECT_EQ(registry.Find("openai")->config().base_url,
            "http://127.0.0.1:9/v1");
}

TEST(RegistryTest, ResolvesModelAfterFirstSlashUnchanged) {
  auto registry =
      ProviderRegistry::FromEnvironment(FakeEnv({{"OPENAI_API_KEY", "k"}}));
  auto resolved = registry.Resolve("openai/ft:gpt-4o:org/custom");
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_EQ(resolved->provider, registry.Find("openai"));
  EXPECT_EQ(resolved->model, "ft:gpt-4o:org/custom");
}

TEST(RegistryTest, UnknownProviderNamesKnownOnes) {
  auto registry =
      ProviderRegistry::FromEnvironment(FakeEnv({{"OPENAI_API_KEY", "k"}}));
  auto resolved = registry.Resolve("nosuch/model");
  EXPECT_EQ(resolved.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(resolved.status().message().find("unknown provider 'nosuch'"),
            std::string::npos);
  EXPECT_NE(resolved.status().message().find("known providers: openai"),
            std::string::npos);
}

TEST(RegistryTest, MissingPrefixIsInvalid) {
  auto registry = ProviderRegistry::FromEnvironment(FakeEnv({}));
  for (const char* model : {"gpt-4o", "/gpt-4o", "openai/"}) {
    EXPECT_EQ(registry.Resolve(model).status().code(),
              absl::StatusCode::kInvalidArgument)
        << model;
  }
}

TEST(RegistryTest, KnownButUnconfiguredProviderSaysWhichKeyToSet) {
  auto registry = ProviderRegistry::FromEnvironment(FakeEnv({}));
  auto resolved = registry.Resolve("openai/gpt-4o");
  EXPECT_EQ(resolved.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(resolved.status().message().find("OPENAI_API_KEY"),
            std::string::npos);
}

}  // namespace
}  // namespace literllm
