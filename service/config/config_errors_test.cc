// Broken config files: every message names the file, line, column and
// setting, says what is wrong, and never repeats a secret.
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "service/config/config.h"

namespace literllm {
namespace {

// Secret-looking values the cases write; no message may repeat them.
constexpr char kSecret[] = "sk-secret-123";

// service/config/testdata/config/<name> (the build names the folder: a
// compiler cache may rewrite this file's own path).
std::string Testdata(const std::string& name) {
  return std::string(CONFIG_TESTDATA_DIR) + "/" + name;
}

// A broken config: `where` is "LINE:COLUMN", `path` the setting's dotted path
// and `problem` a part of what the message says about it.
struct ErrorCase {
  std::string name;
  std::string yaml;
  std::string where;
  std::string path;
  std::string problem;
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

// The YAML of a provider `a` with `lines` as its settings.
std::string ProviderA(absl::string_view lines) {
  return absl::StrCat("providers:\n  a:\n", lines);
}

void ExpectError(const absl::Status& status, const std::string& file,
                 const std::string& where, const std::string& path,
                 const std::string& problem) {
  const std::string message(status.message());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << message;
  EXPECT_TRUE(
      absl::StartsWith(message, file + ":" + where + ": " + path + ": "))
      << message;
  EXPECT_TRUE(absl::StrContains(message, problem)) << message;
  EXPECT_FALSE(absl::StrContains(message, kSecret)) << message;
}

std::string CaseName(const testing::TestParamInfo<ErrorCase>& info) {
  return info.param.name;
}

class ConfigErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(ConfigErrorTest, PointsAtTheSetting) {
  const ErrorCase& c = GetParam();
  absl::StatusOr<GatewayConfig> config = ParseConfig(c.yaml, "gw.yaml");
  ASSERT_FALSE(config.ok());
  ExpectError(config.status(), "gw.yaml", c.where, c.path, c.problem);
}

constexpr char kSecretInFile[] =
    "keys are not written in the config file; name the environment variable "
    "that holds it in api_key_env";
constexpr char kSections[] =
    "unknown setting; expected one of: providers, aliases, model_listing, "
    "prices";
constexpr char kProviderNames[] = "provider names are lower case";
constexpr char kCredentialHeader[] =
    "credentials are not written in headers; they belong in the environment, "
    "named by api_key_env";
constexpr char kAliasNames[] = "alias names are not empty and have no '/'";

INSTANTIATE_TEST_SUITE_P(
    File, ConfigErrorTest,
    testing::ValuesIn(std::vector<ErrorCase>{
        {"RootList", "- a\n- b\n", "1:1", "top level",
         "expected a map, got a list"},
        {"RootScalar", "providers\n", "1:1", "top level",
         "expected a map, got a scalar"},
        {"UnknownSection", "providers: {}\nprovider:\n  groq: {}\n", "2:1",
         "provider", kSections},
        {"DuplicateSection", "aliases: {}\nproviders: {}\naliases: {}\n", "3:1",
         "aliases", "written twice; first at line 1, column 1"},
        {"SecondDocument", "providers: {}\n---\naliases: {}\n", "3:1",
         "top level", "a second YAML document"},
        {"UnclosedList", "providers: [groq\n", "2:1", "YAML syntax",
         "end of sequence flow not found"},
        {"MapInPlainValue", "aliases:\n  fast: a: b\n", "2:10", "YAML syntax",
         "illegal map value"},
        {"ListAsKey", "providers:\n  ? [a, b]\n  : {}\n", "2:5", "providers",
         "keys are names, got a list"}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Providers, ConfigErrorTest,
    testing::ValuesIn(std::vector<ErrorCase>{
        {"List", "providers: [groq]\n", "1:12", "providers",
         "expected a map, got a list"},
        {"BodyList", "providers:\n  groq: [a]\n", "2:9", "providers.groq",
         "expected a map, got a list"},
        {"BodyScalar", "providers:\n  groq: sk-secret-123\n", "2:9",
         "providers.groq", "expected a map, got a scalar"},
        {"UpperCaseName", "providers:\n  Groq: {}\n", "2:3", "providers.Groq",
         kProviderNames},
        {"NameStartsWithUnderscore", "providers:\n  _x: {}\n", "2:3",
         "providers._x", kProviderNames},
        {"NameWithSlash", "providers:\n  my/vllm: {}\n", "2:3",
         "providers.my/vllm", kProviderNames},
        {"EmptyName", "providers:\n  '': {}\n", "2:3", "providers.",
         kProviderNames},
        {"Duplicate", "providers:\n  groq: {}\n  openai: {}\n  groq: {}\n",
         "4:3", "providers.groq", "written twice; first at line 2, column 3"},
        {"UnknownSetting", ProviderA("    base_ur: http://x.test\n"), "3:5",
         "providers.a.base_ur",
         "unknown setting; expected one of: type, base_url, api_key_env, "
         "api_version, drop_params, headers, models"},
        {"DuplicateSetting", ProviderA("    type: openai\n    type: azure\n"),
         "4:5", "providers.a.type", "written twice; first at line 3, column 5"},
        {"ApiKey", ProviderA("    api_key: sk-secret-123\n"), "3:5",
         "providers.a.api_key", kSecretInFile},
        {"Key", ProviderA("    key: sk-secret-123\n"), "3:5", "providers.a.key",
         kSecretInFile},
        {"Token", ProviderA("    token: sk-secret-123\n"), "3:5",
         "providers.a.token", kSecretInFile},
        {"Secret", ProviderA("    secret: sk-secret-123\n"), "3:5",
         "providers.a.secret", kSecretInFile},
        {"Password", ProviderA("    password: sk-secret-123\n"), "3:5",
         "providers.a.password", kSecretInFile},
        {"ApiKeyUpperCase", ProviderA("    API_KEY: [sk-secret-123]\n"), "3:5",
         "providers.a.API_KEY", kSecretInFile},
        {"TypeList", ProviderA("    type: [openai]\n"), "3:11",
         "providers.a.type", "expected a string, got a list"},
        {"TypeEmpty", ProviderA("    type: ''\n"), "3:11", "providers.a.type",
         "must not be empty"},
        {"TypeMissing", ProviderA("    type:\n"), "3:5", "providers.a.type",
         "expected a string, got an empty value"},
        {"BaseUrlFtp", ProviderA("    base_url: ftp://h.test\n"), "3:15",
         "providers.a.base_url", "must start with http:// or https://"},
        {"BaseUrlNoHost", ProviderA("    base_url: http://\n"), "3:15",
         "providers.a.base_url", "has no host"},
        {"BaseUrlPathOnly", ProviderA("    base_url: https:///v1\n"), "3:15",
         "providers.a.base_url", "has no host"},
        {"BaseUrlPortOnly", ProviderA("    base_url: http://:8000/v1\n"),
         "3:15", "providers.a.base_url", "has no host"},
        {"BaseUrlUserInfo",
         ProviderA("    base_url: https://u:sk-secret-123@h.test/v1\n"), "3:15",
         "providers.a.base_url", "credentials are not written in the URL"},
        {"BaseUrlSpace", ProviderA("    base_url: 'http://h.test/a b'\n"),
         "3:15", "providers.a.base_url", "must not contain spaces"},
        {"BaseUrlMap", ProviderA("    base_url: {a: b}\n"), "3:15",
         "providers.a.base_url", "expected a string, got a map"},
        {"ApiKeyEnvHoldsKey", ProviderA("    api_key_env: sk-secret-123\n"),
         "3:18", "providers.a.api_key_env",
         "must be the name of an environment variable"},
        {"ApiKeyEnvStartsWithDigit", ProviderA("    api_key_env: 1KEY\n"),
         "3:18", "providers.a.api_key_env",
         "must be the name of an environment variable"},
        {"ApiKeyEnvList", ProviderA("    api_key_env: [KEY]\n"), "3:18",
         "providers.a.api_key_env", "expected a string, got a list"},
        {"ApiVersionMap", ProviderA("    api_version: {v: 1}\n"), "3:18",
         "providers.a.api_version", "expected a string, got a map"},
        {"DropParamsScalar", ProviderA("    drop_params: seed\n"), "3:18",
         "providers.a.drop_params", "expected a list of strings, got a scalar"},
        {"DropParamsEmptyItem", ProviderA("    drop_params: [seed, '']\n"),
         "3:25", "providers.a.drop_params[1]", "must not be empty"},
        {"DropParamsListItem", ProviderA("    drop_params: [seed, [n]]\n"),
         "3:25", "providers.a.drop_params[1]", "expected a string, got a list"},
        {"ModelsMap", ProviderA("    models: {a: b}\n"), "3:13",
         "providers.a.models", "expected a list of strings, got a map"},
        {"ModelsEmptyItem", ProviderA("    models:\n      - a\n      -\n"),
         "4:7", "providers.a.models[1]",
         "expected a string, got an empty value"}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Headers, ConfigErrorTest,
    testing::ValuesIn(std::vector<ErrorCase>{
        {"List", ProviderA("    headers: [a]\n"), "3:14", "providers.a.headers",
         "expected a map, got a list"},
        {"Authorization",
         ProviderA("    headers:\n      Authorization: Bearer sk-secret-123\n"),
         "4:7", "providers.a.headers.Authorization", kCredentialHeader},
        {"ApiKey", ProviderA("    headers:\n      api-key: sk-secret-123\n"),
         "4:7", "providers.a.headers.api-key", kCredentialHeader},
        {"XApiKey", ProviderA("    headers:\n      X-API-Key: sk-secret-123\n"),
         "4:7", "providers.a.headers.X-API-Key", kCredentialHeader},
        {"ProxyAuthorization",
         ProviderA("    headers:\n      Proxy-Authorization: sk-secret-123\n"),
         "4:7", "providers.a.headers.Proxy-Authorization", kCredentialHeader},
        {"Cookie", ProviderA("    headers:\n      cookie: s=sk-secret-123\n"),
         "4:7", "providers.a.headers.cookie", kCredentialHeader},
        {"ValueMap", ProviderA("    headers:\n      X-Title: {a: b}\n"), "4:16",
         "providers.a.headers.X-Title", "expected a string, got a map"},
        {"BadName", ProviderA("    headers:\n      'X Title': a\n"), "4:7",
         "providers.a.headers.X Title", "not an HTTP header name"},
        {"DuplicateIgnoringCase",
         ProviderA("    headers:\n      X-Title: a\n      x-title: b\n"), "5:7",
         "providers.a.headers.x-title",
         "written twice (header names ignore case)"},
        {"LineBreakInValue",
         ProviderA(
             "    headers:\n      X-Title: \"a\\r\\nX-K: sk-secret-123\"\n"),
         "4:16", "providers.a.headers.X-Title",
         "must not contain line breaks"}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Aliases, ConfigErrorTest,
    testing::ValuesIn(std::vector<ErrorCase>{
        {"List", "aliases: [a]\n", "1:10", "aliases",
         "expected a map, got a list"},
        {"NameWithSlash", "aliases:\n  openai/fast: groq/x\n", "2:3",
         "aliases.openai/fast", kAliasNames},
        {"EmptyName", "aliases:\n  '': groq/x\n", "2:3", "aliases.",
         kAliasNames},
        {"EmptyList", "aliases:\n  fast: []\n", "2:9", "aliases.fast",
         "must list at least one provider/model"},
        {"MapWithUnknownKey", "aliases:\n  fast: {groq: x}\n", "2:10",
         "aliases.fast.groq",
         "unknown setting; expected one of: deployments, fallbacks"},
        {"Missing", "aliases:\n  fast:\n", "2:3", "aliases.fast",
         "got an empty value"},
        {"TargetWithoutProvider", "aliases:\n  fast: gpt-4o\n", "2:9",
         "aliases.fast", "expected provider/model"},
        {"TargetEmptyProvider", "aliases:\n  fast: /gpt-4o\n", "2:9",
         "aliases.fast", "expected provider/model"},
        {"TargetEmptyModel", "aliases:\n  fast: [groq/x, openai/]\n", "2:18",
         "aliases.fast[1]", "expected provider/model"},
        {"TargetList", "aliases:\n  fast: [[groq/x]]\n", "2:10",
         "aliases.fast[0]", "expected a string, got a list"},
        {"Duplicate", "aliases:\n  fast: groq/x\n  fast: groq/y\n", "3:3",
         "aliases.fast", "written twice; first at line 2, column 3"}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    ModelListing, ConfigErrorTest,
    testing::ValuesIn(std::vector<ErrorCase>{
        {"List", "model_listing: [a]\n", "1:16", "model_listing",
         "expected a map, got a list"},
        {"UnknownSetting", "model_listing:\n  ttl: 10m\n", "2:3",
         "model_listing.ttl",
         "unknown setting; expected one of: cache_ttl, timeout"},
        {"Words", "model_listing:\n  cache_ttl: 10 minutes\n", "2:14",
         "model_listing.cache_ttl",
         "expected a duration such as 30s, 10m or 1h"},
        {"NoUnit", "model_listing:\n  cache_ttl: 600\n", "2:14",
         "model_listing.cache_ttl", "expected a duration"},
        {"Zero", "model_listing:\n  cache_ttl: 0s\n", "2:14",
         "model_listing.cache_ttl", "must be greater than 0 and finite"},
        {"Negative", "model_listing:\n  timeout: -5s\n", "2:12",
         "model_listing.timeout", "must be greater than 0 and finite"},
        {"Infinite", "model_listing:\n  timeout: inf\n", "2:12",
         "model_listing.timeout", "must be greater than 0 and finite"},
        {"ListValue", "model_listing:\n  timeout: [5s]\n", "2:12",
         "model_listing.timeout", "expected a string, got a list"}}),
    CaseName);

// The YAML of prices for openai/gpt-4o written as `value`.
std::string Price(absl::string_view value) {
  return absl::StrCat("prices:\n  openai/gpt-4o: ", value, "\n");
}

INSTANTIATE_TEST_SUITE_P(
    Prices, ConfigErrorTest,
    testing::ValuesIn(std::vector<ErrorCase>{
        {"List", "prices: [a]\n", "1:9", "prices",
         "expected a map, got a list"},
        {"KeyWithoutProvider", "prices:\n  gpt-4o: {input: 1, output: 2}\n",
         "2:3", "prices.gpt-4o", "prices are keyed by provider/model"},
        {"KeyEmptyModel", "prices:\n  openai/: {input: 1, output: 2}\n", "2:3",
         "prices.openai/", "prices are keyed by provider/model"},
        {"Scalar", Price("2.5"), "2:18", "prices.openai/gpt-4o",
         "expected a map, got a scalar"},
        {"Missing", Price(""), "2:3", "prices.openai/gpt-4o",
         "expected a map, got an empty value"},
        {"NoInput", Price("{output: 10}"), "2:3", "prices.openai/gpt-4o",
         "input is required"},
        {"NoOutput", Price("{input: 2.5}"), "2:3", "prices.openai/gpt-4o",
         "output is required"},
        {"Word", Price("{input: abc, output: 10}"), "2:26",
         "prices.openai/gpt-4o.input", "expected a number"},
        {"Negative", Price("{input: -1, output: 10}"), "2:26",
         "prices.openai/gpt-4o.input", "must be a number >= 0"},
        {"NotANumber", Price("{input: .nan, output: 10}"), "2:26",
         "prices.openai/gpt-4o.input", "must be a number >= 0"},
        {"Infinite", Price("{input: .inf, output: 10}"), "2:26",
         "prices.openai/gpt-4o.input", "must be a number >= 0"},
        {"OutputList", Price("{input: 1, output: [2]}"), "2:37",
         "prices.openai/gpt-4o.output", "expected a number, got a list"},
        {"CachedInputWord", Price("{input: 1, output: 2, cached_input: cheap}"),
         "2:54", "prices.openai/gpt-4o.cached_input", "expected a number"},
        {"UnknownSetting", Price("{input: 1, output: 2, cache_read: 1}"),
         "2:40", "prices.openai/gpt-4o.cache_read",
         "unknown setting; expected one of: input, output, cached_input, "
         "cache_write"},
        {"DuplicateSetting", Price("{input: 1, input: 2, output: 3}"), "2:29",
         "prices.openai/gpt-4o.input",
         "written twice; first at line 2, column 19"},
        {"Duplicate",
         "prices:\n  a/b: {input: 1, output: 2}\n  a/b: {input: 1, output: "
         "2}\n",
         "3:3", "prices.a/b", "written twice; first at line 2, column 3"}}),
    CaseName);

// A broken file in testdata/config.
struct FileCase {
  std::string file;
  std::string where;
  std::string path;
  std::string problem;
};

void PrintTo(const FileCase& c, std::ostream* os) { *os << c.file; }

class BrokenFileTest : public testing::TestWithParam<FileCase> {};

TEST_P(BrokenFileTest, PointsAtTheSetting) {
  const FileCase& c = GetParam();
  const std::string file = Testdata(c.file);
  absl::StatusOr<GatewayConfig> config = LoadConfig(file);
  ASSERT_FALSE(config.ok());
  ExpectError(config.status(), file, c.where, c.path, c.problem);
}

INSTANTIATE_TEST_SUITE_P(
    Testdata, BrokenFileTest,
    testing::Values(FileCase{"syntax_error.yaml", "5:14", "YAML syntax",
                             "end of sequence flow not found"},
                    FileCase{"not_a_map.yaml", "2:1", "top level",
                             "expected a map, got a list"},
                    FileCase{"unknown_key.yaml", "3:5",
                             "providers.my-vllm.base_ur", "unknown setting"},
                    FileCase{"api_key.yaml", "3:5", "providers.openai.api_key",
                             kSecretInFile},
                    FileCase{"duplicate_provider.yaml", "4:3", "providers.groq",
                             "written twice; first at line 2, column 3"},
                    FileCase{"authorization_header.yaml", "6:7",
                             "providers.my-vllm.headers.Authorization",
                             kCredentialHeader}));

}  // namespace
}  // namespace literllm
