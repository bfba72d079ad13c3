// Every row of the built-in provider table, checked the same way: its name,
// its variables, its base URL and its override, and the request its codec
// builds (URL, credential, and the dialect's effect on the body).
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "providers/builtin_providers.h"
#include "providers/builtin_providers_testing.h"
#include "providers/registry.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Pair;

constexpr char kKey[] = "test-key-0123456789";
constexpr char kConfiguredUrl[] = "https://configured.example/v1";

std::string Upper(absl::string_view name) {
  return absl::AsciiStrToUpper(name);
}

bool IsRowName(absl::string_view name) {
  if (name.empty() || !absl::ascii_islower(name[0])) return false;
  for (char c : name) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '_') {
      return false;
    }
  }
  return true;
}

bool IsEnvName(absl::string_view name) {
  for (char c : name) {
    if (!absl::ascii_isupper(c) && !absl::ascii_isdigit(c) && c != '_') {
      return false;
    }
  }
  return !name.empty();
}

// The base URL the row's requests go to when the environment sets only what
// it must: its default, or kConfiguredUrl for rows without one.
std::string BaseUrlOf(const BuiltinProvider& kind) {
  return kind.default_base_url.empty() ? kConfiguredUrl : kind.default_base_url;
}

std::unique_ptr<Provider> WithKey(const BuiltinProvider& kind,
                                  std::map<std::string, std::string> env = {}) {
  env.emplace(kind.key_env, kKey);
  if (kind.default_base_url.empty()) {
    env.emplace(kind.base_url_env, kConfiguredUrl);
  }
  return MakeProvider(SetupFromEnvironment(kind, FakeEnv(env)));
}

// Every request member is set in "quirks"; rows without function calling
// get "no_tools", which asks for none.
v1::ChatCompletionRequest RequestFor(const BuiltinProvider& kind) {
  v1::ChatCompletionRequest request;
  ProtoFromJson(
      ReadGolden(kind.dialect.tools ? "dialects/quirks.request.json"
                                    : "dialects/no_tools.request.json"),
      request);
  return request;
}

// One user message: what every codec, native or not, accepts.
v1::ChatCompletionRequest Minimal() {
  v1::ChatCompletionRequest request;
  v1::Message* message = request.add_messages();
  message->set_role("user");
  message->set_content("Hello!");
  return request;
}

std::string StreamedBody(const Provider& provider,
                         const v1::ChatCompletionRequest& request) {
  absl::StatusOr<HttpRequest> http =
      provider.chat()->BuildChatRequest(request, "some-model", true);
  EXPECT_TRUE(http.ok()) << provider.config().name << ": " << http.status();
  return http.ok() ? http->body : "";
}

std::string Member(absl::string_view name) {
  return absl::StrCat("\"", name, "\":");
}

TEST(BuiltinProviderTableTest, HasAtLeastSixtyProviders) {
  EXPECT_GE(BuiltinProviders().size(), 60u);
}

TEST(BuiltinProviderTableTest, NamesAreUniqueLowerCaseModelPrefixes) {
  absl::flat_hash_set<std::string> seen;
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    EXPECT_TRUE(IsRowName(kind.name)) << kind.name;
    EXPECT_TRUE(seen.insert(kind.name).second) << "duplicate " << kind.name;
    EXPECT_EQ(FindBuiltinProvider(kind.name), &kind) << kind.name;
  }
}

TEST(BuiltinProviderTableTest, VariablesAreNamedAfterTheProvider) {
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    if (kind.name == "azure") continue;  // AZURE_OPENAI_*, as Azure's SDKs
    EXPECT_EQ(kind.key_env, Upper(kind.name) + "_API_KEY");
    EXPECT_EQ(kind.base_url_env, Upper(kind.name) + "_BASE_URL");
    if (!kind.alternate_key_env.empty()) {
      EXPECT_TRUE(IsEnvName(kind.alternate_key_env)) << kind.name;
      EXPECT_NE(kind.alternate_key_env, kind.key_env) << kind.name;
    }
  }
}

TEST(BuiltinProviderTableTest, BaseUrlsAreHttpsOrLocal) {
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    const std::string& url = kind.default_base_url;
    if (url.empty()) continue;  // must be configured
    if (kind.needs_key) {
      EXPECT_TRUE(absl::StartsWith(url, "https://")) << kind.name;
    } else {
      EXPECT_TRUE(absl::StartsWith(url, "http://localhost:")) << kind.name;
    }
    EXPECT_FALSE(absl::EndsWith(url, "/")) << kind.name;
    EXPECT_FALSE(absl::StrContains(url, "/chat/completions")) << kind.name;
  }
}

TEST(BuiltinProviderTableTest, BaseUrlVariableOverridesTheDefault) {
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    std::unique_ptr<Provider> provider =
        WithKey(kind, {{kind.base_url_env, "https://override.example/v9/"}});
    EXPECT_EQ(provider->config().base_url, "https://override.example/v9")
        << kind.name;
    absl::StatusOr<HttpRequest> http =
        provider->chat()->BuildChatRequest(Minimal(), "some-model", false);
    ASSERT_TRUE(http.ok()) << kind.name << ": " << http.status();
    EXPECT_TRUE(absl::StartsWith(http->url, "https://override.example/v9/"))
        << kind.name << ": " << http->url;
  }
}

TEST(BuiltinProviderTableTest, AlternateKeyVariableIsReadWhenTheMainIsUnset) {
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    if (kind.alternate_key_env.empty()) continue;
    ProviderSetup setup = SetupFromEnvironment(
        kind, FakeEnv({{kind.alternate_key_env, "alt-key"}}));
    EXPECT_EQ(setup.config.api_key, "alt-key") << kind.name;
    setup =
        SetupFromEnvironment(kind, FakeEnv({{kind.alternate_key_env, "alt-key"},
                                            {kind.key_env, "main-key"}}));
    EXPECT_EQ(setup.config.api_key, "main-key") << kind.name;
  }
}

TEST(BuiltinProviderTableTest, RequestsGoToChatCompletionsWithTheKey) {
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    if (!kind.openai_compatible()) continue;  // native codecs: own tests
    absl::StatusOr<HttpRequest> http = WithKey(kind)->chat()->BuildChatRequest(
        RequestFor(kind), "some-model", false);
    ASSERT_TRUE(http.ok()) << kind.name << ": " << http.status();
    if (kind.dialect.endpoint == OpenAiDialect::Endpoint::kAzureDeployment) {
      EXPECT_THAT(http->headers, Contains(Pair("api-key", kKey)));
      continue;  // the deployment URL has its own tests
    }
    EXPECT_EQ(http->url, BaseUrlOf(kind) + "/chat/completions") << kind.name;
    EXPECT_THAT(http->headers,
                Contains(Pair("Authorization", absl::StrCat("Bearer ", kKey))))
        << kind.name;
  }
}

TEST(BuiltinProviderTableTest, LocalServersNeedNoKeyAndSendNone) {
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    if (kind.needs_key) continue;
    ProviderRegistry registry = ProviderRegistry::FromEnvironment(
        FakeEnv({{kind.base_url_env, "http://gpu-box:8000/v1"}}));
    const Provider* provider = registry.Find(kind.name);
    ASSERT_NE(provider, nullptr) << kind.name;
    absl::StatusOr<HttpRequest> http = provider->chat()->BuildChatRequest(
        RequestFor(kind), "some-model", false);
    ASSERT_TRUE(http.ok()) << kind.name << ": " << http.status();
    EXPECT_EQ(http->url, "http://gpu-box:8000/v1/chat/completions");
    for (const auto& [name, value] : http->headers) {
      EXPECT_NE(name, "Authorization") << kind.name;
    }
  }
}

// The body each row's server receives, compared member by member with
// OpenAI's for the same request: dropped members are absent, renamed ones
// under the server's name, and the roles and stream options as the dialect
// says.
TEST(BuiltinProviderTableTest, EachRowsDialectShapesItsBody) {
  const BuiltinProvider& openai = *FindBuiltinProvider("openai");
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    if (!kind.openai_compatible()) continue;
    SCOPED_TRACE(kind.name);
    const OpenAiDialect& dialect = kind.dialect;
    v1::ChatCompletionRequest request = RequestFor(kind);
    std::string reference = StreamedBody(*WithKey(openai), request);
    std::string body = StreamedBody(*WithKey(kind), request);
    for (absl::string_view param : OpenAiDialect::KnownParams()) {
      if (param == "name" || !absl::StrContains(reference, Member(param))) {
        continue;
      }
      absl::string_view sent = dialect.ParamName(param);
      if (!sent.empty()) {
        EXPECT_THAT(body, HasSubstr(Member(sent))) << param;
      }
      if (sent != param) {
        EXPECT_FALSE(absl::StrContains(body, Member(param))) << param;
      }
    }
    bool sends_name = !dialect.ParamName("name").empty();
    EXPECT_EQ(absl::StrContains(body, R"("name":"alice")"),
              sends_name && dialect.tools);
    EXPECT_EQ(absl::StrContains(body, R"("role":"developer")"),
              dialect.developer_role);
    EXPECT_EQ(absl::StrContains(body, "stream_options"),
              dialect.stream_options);
    if (dialect.tools && !dialect.ParamName("tool_choice").empty()) {
      EXPECT_THAT(body,
                  HasSubstr(absl::StrCat(R"("tool_choice":")",
                                         dialect.required_tool_choice, "\"")));
    }
  }
}

TEST(BuiltinProviderTableTest, WhatARowCannotServeIsRefusedBeforeAnyCall) {
  v1::ChatCompletionRequest two_choices;
  ProtoFromJson(ReadGolden("dialects/no_tools.request.json"), two_choices);
  two_choices.set_n(2);
  v1::ChatCompletionRequest with_tools;
  ProtoFromJson(ReadGolden("dialects/quirks.request.json"), with_tools);
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    if (!kind.openai_compatible()) continue;
    std::unique_ptr<Provider> provider = WithKey(kind);
    EXPECT_EQ(provider->chat()
                  ->BuildChatRequest(two_choices, "some-model", false)
                  .ok(),
              kind.dialect.multiple_choices)
        << kind.name;
    EXPECT_EQ(provider->chat()
                  ->BuildChatRequest(with_tools, "some-model", false)
                  .ok(),
              kind.dialect.tools)
        << kind.name;
  }
}

}  // namespace
}  // namespace literllm
