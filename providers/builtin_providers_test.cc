#include "providers/builtin_providers.h"

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "providers/builtin_providers_testing.h"
#include "providers/registry.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;

// `name`'s built-in provider as the environment configures it, with a key.
std::unique_ptr<Provider> Builtin(absl::string_view name,
                                  std::map<std::string, std::string> env = {}) {
  const BuiltinProvider* kind = FindBuiltinProvider(name);
  EXPECT_NE(kind, nullptr) << name;
  env.emplace(kind->key_env, "test-key-0123456789");
  if (kind->default_base_url.empty()) {
    env.emplace(kind->base_url_env, "https://example.test");
  }
  return MakeProvider(SetupFromEnvironment(*kind, FakeEnv(env)));
}

v1::ChatCompletionRequest Request(absl::string_view golden) {
  v1::ChatCompletionRequest request;
  ProtoFromJson(ReadGolden(absl::StrCat("dialects/", golden, ".request.json")),
                request);
  return request;
}

struct DialectCase {
  std::string request;   // dialects/<request>.request.json
  std::string provider;  // dialects/<request>.<provider>.upstream.json
};

void PrintTo(const DialectCase& c, std::ostream* os) {
  *os << c.request << "." << c.provider;
}

class DialectGoldenTest : public testing::TestWithParam<DialectCase> {};

// Each provider's quirks applied to the same streamed request: the exact body
// its server receives.
TEST_P(DialectGoldenTest, BuildsTheProvidersBody) {
  const DialectCase& c = GetParam();
  absl::StatusOr<HttpRequest> http =
      Builtin(c.provider)
          ->chat()
          ->BuildChatRequest(Request(c.request), "some-model", /*stream=*/true);
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->body,
            MinifyJson(ReadGolden(absl::StrCat("dialects/", c.request, ".",
                                               c.provider, ".upstream.json"))))
      << http->body;
}

std::vector<DialectCase> DialectCases() {
  std::vector<DialectCase> cases;
  for (const char* provider :
       {"openai", "azure", "groq", "mistral", "deepseek", "together",
        "fireworks", "openrouter", "xai", "cerebras", "ollama", "vllm",
        "codestral", "chutes", "lm_studio"}) {
    cases.push_back({"quirks", provider});
  }
  cases.push_back({"no_tools", "perplexity"});
  cases.push_back({"no_tools", "featherless_ai"});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Golden, DialectGoldenTest,
                         testing::ValuesIn(DialectCases()),
                         [](const testing::TestParamInfo<DialectCase>& info) {
                           return absl::StrCat(info.param.request, "_",
                                               info.param.provider);
                         });

TEST(BuiltinProvidersTest, EveryCompatibleProviderHasAKeyVariableAndDroppable) {
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    EXPECT_FALSE(kind.key_env.empty()) << kind.name;
    EXPECT_FALSE(kind.base_url_env.empty()) << kind.name;
    for (const std::string& param : kind.dialect.dropped) {
      EXPECT_TRUE(OpenAiDialect::CheckParam(param).ok()) << kind.name << param;
    }
    for (const auto& [param, as] : kind.dialect.renamed) {
      EXPECT_TRUE(OpenAiDialect::CheckParam(param).ok()) << kind.name << param;
    }
  }
}

struct EndpointCase {
  std::string provider;
  std::string url;
  std::string auth_header;
  std::string auth_value;
};

TEST(BuiltinProvidersTest, EachProviderHasItsUrlAndAuthentication) {
  const std::string key = "test-key-0123456789";
  const std::string bearer = "Bearer " + key;
  for (const EndpointCase& c : std::vector<EndpointCase>{
           {"openai", "https://api.openai.com/v1/chat/completions",
            "Authorization", bearer},
           {"groq", "https://api.groq.com/openai/v1/chat/completions",
            "Authorization", bearer},
           {"mistral", "https://api.mistral.ai/v1/chat/completions",
            "Authorization", bearer},
           {"deepseek", "https://api.deepseek.com/chat/completions",
            "Authorization", bearer},
           {"together", "https://api.together.xyz/v1/chat/completions",
            "Authorization", bearer},
           {"fireworks",
            "https://api.fireworks.ai/inference/v1/chat/completions",
            "Authorization", bearer},
           {"openrouter", "https://openrouter.ai/api/v1/chat/completions",
            "Authorization", bearer},
           {"xai", "https://api.x.ai/v1/chat/completions", "Authorization",
            bearer},
           {"perplexity", "https://api.perplexity.ai/chat/completions",
            "Authorization", bearer},
           {"cerebras", "https://api.cerebras.ai/v1/chat/completions",
            "Authorization", bearer},
           {"ollama", "http://localhost:11434/v1/chat/completions",
            "Authorization", bearer},
           {"azure",
            "https://example.test/openai/deployments/some-model/chat/"
            "completions?api-version=2024-10-21",
            "api-key", key},
       }) {
    absl::StatusOr<HttpRequest> http =
        Builtin(c.provider)
            ->chat()
            ->BuildChatRequest(Request("no_tools"), "some-model", false);
    ASSERT_TRUE(http.ok()) << c.provider << ": " << http.status();
    EXPECT_EQ(http->url, c.url) << c.provider;
    EXPECT_THAT(http->headers, Contains(Pair(c.auth_header, c.auth_value)))
        << c.provider;
  }
}

TEST(BuiltinProvidersTest, LocalServersSendNoAuthorizationWithoutAKey) {
  const BuiltinProvider& ollama = *FindBuiltinProvider("ollama");
  ProviderSetup setup = SetupFromEnvironment(ollama, FakeEnv({}));
  EXPECT_FALSE(setup.from_environment);
  absl::StatusOr<HttpRequest> http =
      MakeProvider(setup)->chat()->BuildChatRequest(Request("no_tools"),
                                                    "llama3.2", false);
  ASSERT_TRUE(http.ok()) << http.status();
  for (const auto& [name, value] : http->headers) {
    EXPECT_NE(name, "Authorization");
  }
}

TEST(BuiltinProvidersTest, AzureApiVersionFromEnvironment) {
  absl::StatusOr<HttpRequest> http =
      Builtin("azure",
              {{"AZURE_OPENAI_API_VERSION", "2025-04-01-preview"},
               {"AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com/"}})
          ->chat()
          ->BuildChatRequest(Request("no_tools"), "gpt4o-eu", false);
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_EQ(http->url,
            "https://res.openai.azure.com/openai/deployments/gpt4o-eu/chat/"
            "completions?api-version=2025-04-01-preview");
}

TEST(BuiltinProvidersTest, AzureRejectsDeploymentNamesThatAreNotPathSafe) {
  absl::StatusOr<HttpRequest> http = Builtin("azure")->chat()->BuildChatRequest(
      Request("no_tools"), "../../admin?x=1", false);
  EXPECT_EQ(http.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(http.status().message(), HasSubstr("azure: model: deployment"));
}

TEST(BuiltinProvidersTest, WhatAServerCannotDoIsRefusedNamingTheProvider) {
  v1::ChatCompletionRequest with_tools = Request("quirks");
  absl::StatusOr<HttpRequest> perplexity =
      Builtin("perplexity")
          ->chat()
          ->BuildChatRequest(with_tools, "sonar", false);
  EXPECT_EQ(perplexity.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(perplexity.status().message(),
              HasSubstr("perplexity: tools: function calling is not served"));

  v1::ChatCompletionRequest two_choices = Request("no_tools");
  two_choices.set_n(2);
  absl::StatusOr<HttpRequest> groq =
      Builtin("groq")->chat()->BuildChatRequest(two_choices, "llama", false);
  EXPECT_EQ(groq.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(groq.status().message(), HasSubstr("groq: n:"));
  EXPECT_TRUE(Builtin("openai")
                  ->chat()
                  ->BuildChatRequest(two_choices, "gpt-4o", false)
                  .ok());
}

TEST(BuiltinProvidersTest, MistralKeepsValidToolCallIdsAndPairsRewrittenOnes) {
  v1::ChatCompletionRequest request = Request("quirks");
  request.mutable_messages(3)->mutable_tool_calls(0)->set_id("D681PevKs");
  request.mutable_messages(4)->set_tool_call_id("D681PevKs");
  absl::StatusOr<HttpRequest> http =
      Builtin("mistral")->chat()->BuildChatRequest(request, "mistral-large",
                                                   false);
  ASSERT_TRUE(http.ok()) << http.status();
  EXPECT_THAT(http->body, HasSubstr("\"id\":\"D681PevKs\""));
  EXPECT_THAT(http->body, HasSubstr("\"tool_call_id\":\"D681PevKs\""));
}

// Perplexity ends its streams after the finish reason and usage, without
// [DONE]; other providers' streams still need it.
TEST(BuiltinProvidersTest, OnlyPerplexityStreamsEndWithoutDone) {
  const StreamEvent events[] = {
      {"", R"({"id":"p","choices":[{"index":0,"delta":{"content":"Hi"}}]})",
       ""},
      {"",
       R"({"id":"p","choices":[{"index":0,"delta":{},)"
       R"("finish_reason":"stop"}],"usage":{"prompt_tokens":2,)"
       R"("completion_tokens":1,"total_tokens":3}})",
       ""},
  };
  for (const char* name : {"perplexity", "openai", "groq"}) {
    std::unique_ptr<StreamDecoder> decoder =
        Builtin(name)->chat()->NewStreamDecoder();
    std::vector<v1::ChatCompletionChunk> chunks;
    for (const StreamEvent& event : events) {
      ASSERT_TRUE(decoder->Decode(event, chunks).ok()) << name;
    }
    if (std::string(name) == "perplexity") {
      EXPECT_TRUE(decoder->Finish().ok());
      ASSERT_EQ(chunks.size(), 3u);
      EXPECT_EQ(chunks[2].usage().total_tokens(), 3);
    } else {
      EXPECT_EQ(decoder->Finish().code(), absl::StatusCode::kUnavailable)
          << name;
    }
  }
}

TEST(BuiltinProvidersTest, ProvidersWithoutAListingHaveNoListingCodec) {
  for (const char* name : {"azure", "perplexity"}) {
    EXPECT_EQ(Builtin(name)->model_list(), nullptr) << name;
  }
  ASSERT_NE(Builtin("groq")->model_list(), nullptr);
  EXPECT_TRUE(Builtin("groq")->model_list()->BuildListModelsRequest().ok());
}

TEST(BuiltinProvidersTest, ReadsBareArrayModelLists) {
  absl::StatusOr<std::vector<v1::Model>> models =
      Builtin("together")
          ->model_list()
          ->ParseListModels(
              R"([{"id":"meta-llama/Llama-3.3-70B-Instruct-Turbo","object":"model",)"
              R"("created":1733443200,"type":"chat"}])");
  ASSERT_TRUE(models.ok()) << models.status();
  ASSERT_EQ(models->size(), 1u);
  EXPECT_EQ((*models)[0].id(),
            "together/meta-llama/Llama-3.3-70B-Instruct-Turbo");
}

TEST(RegistryFromEnvironmentTest, LocalServersNeedNoKey) {
  ProviderRegistry registry = ProviderRegistry::FromEnvironment(FakeEnv({}));
  const Provider* ollama = registry.Find("ollama");
  ASSERT_NE(ollama, nullptr);
  EXPECT_FALSE(ollama->config().listed);
  EXPECT_EQ(registry.Find("vllm"), nullptr);  // no default address

  registry = ProviderRegistry::FromEnvironment(
      FakeEnv({{"OLLAMA_BASE_URL", "http://gpu-box:11434/v1"},
               {"VLLM_BASE_URL", "http://10.0.0.5:8000/v1/"}}));
  EXPECT_TRUE(registry.Find("ollama")->config().listed);
  EXPECT_EQ(registry.Find("vllm")->config().base_url,
            "http://10.0.0.5:8000/v1");
  EXPECT_THAT(registry.secrets(), IsEmpty());
}

TEST(RegistryFromEnvironmentTest, EveryKeyedProviderFromItsOwnVariable) {
  std::map<std::string, std::string> env;
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    env[kind.key_env] = absl::StrCat("key-for-", kind.name);
    // Azure, vLLM, Databricks, ...: no default address.
    if (kind.default_base_url.empty()) {
      env[kind.base_url_env] = "https://configured.example";
    }
  }
  ProviderRegistry registry = ProviderRegistry::FromEnvironment(FakeEnv(env));
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    const Provider* provider = registry.Find(kind.name);
    ASSERT_NE(provider, nullptr) << kind.name;
    EXPECT_EQ(provider->config().api_key, absl::StrCat("key-for-", kind.name));
    EXPECT_EQ(provider->config().type, kind.name);
  }
}

TEST(RegistryFromEnvironmentTest, AzureNeedsItsEndpointToo) {
  ProviderRegistry registry = ProviderRegistry::FromEnvironment(
      FakeEnv({{"AZURE_OPENAI_API_KEY", "k"}}));
  absl::StatusOr<ResolvedModel> resolved = registry.Resolve("azure/gpt4o");
  EXPECT_EQ(resolved.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(resolved.status().message(),
              HasSubstr("AZURE_OPENAI_API_KEY and AZURE_OPENAI_ENDPOINT"));
}

TEST(RegistryFromEnvironmentTest, ModelIdsMayHoldSlashes) {
  ProviderRegistry registry =
      ProviderRegistry::FromEnvironment(FakeEnv({{"FIREWORKS_API_KEY", "k"}}));
  absl::StatusOr<ResolvedModel> resolved =
      registry.Resolve("fireworks/accounts/fireworks/models/llama-v3p1-8b");
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_EQ(resolved->model, "accounts/fireworks/models/llama-v3p1-8b");
}

TEST(RegistryAliasTest, AliasesResolveToTheirFirstTarget) {
  ProviderRegistry registry = ProviderRegistry::FromEnvironment(
      FakeEnv({{"GROQ_API_KEY", "k"}, {"OPENAI_API_KEY", "k2"}}));
  ASSERT_TRUE(
      registry
          .AddAlias(
              {"fast", {"groq/llama-3.3-70b-versatile", "openai/gpt-4o-mini"}})
          .ok());
  absl::StatusOr<ResolvedModel> resolved = registry.Resolve("fast");
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_EQ(resolved->provider, registry.Find("groq"));
  EXPECT_EQ(resolved->model, "llama-3.3-70b-versatile");

  absl::Status bad = registry.AddAlias({"smart", {"anthropic/claude"}});
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.message(), HasSubstr("alias 'smart'"));
  EXPECT_THAT(bad.message(), HasSubstr("ANTHROPIC_API_KEY"));
  EXPECT_THAT(registry.aliases(), Not(IsEmpty()));
}

}  // namespace
}  // namespace literllm
