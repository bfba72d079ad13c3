#include "service/config.h"

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

// Secret-looking values the cases write; no message may repeat them.
constexpr char kSecret[] = "sk-secret-123";

// service/testdata/config/<name>, found next to this source file.
std::string Testdata(const std::string& name) {
  std::string here = __FILE__;
  return here.substr(0, here.rfind('/') + 1) + "testdata/config/" + name;
}

void ExpectAt(const ConfigLocation& location, const std::string& file, int line,
              int column) {
  EXPECT_EQ(location.file, file);
  EXPECT_EQ(location.line, line);
  EXPECT_EQ(location.column, column);
}

TEST(ConfigTest, FullExampleParsesIntoEverySetting) {
  const std::string file = Testdata("full.yaml");
  absl::StatusOr<GatewayConfig> config = LoadConfig(file);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->file, file);

  ASSERT_EQ(config->providers.size(), 3u);
  const ProviderSettings& groq = config->providers[0];
  EXPECT_EQ(groq.name, "groq");
  EXPECT_EQ(groq.type, std::nullopt);
  EXPECT_EQ(groq.base_url, std::nullopt);
  EXPECT_EQ(groq.api_key_env, std::nullopt);
  EXPECT_EQ(groq.api_version, std::nullopt);
  EXPECT_TRUE(groq.drop_params.empty());
  EXPECT_TRUE(groq.headers.empty());
  EXPECT_TRUE(groq.models.empty());
  ExpectAt(groq.location, file, 3, 3);

  const ProviderSettings& azure = config->providers[1];
  EXPECT_EQ(azure.name, "azure");
  EXPECT_EQ(azure.type, std::nullopt);
  EXPECT_EQ(azure.base_url, "https://my-resource.openai.azure.com/openai");
  EXPECT_EQ(azure.api_key_env, "AZURE_OPENAI_API_KEY");
  EXPECT_EQ(azure.api_version, "2024-10-21");
  EXPECT_TRUE(azure.drop_params.empty());
  EXPECT_TRUE(azure.headers.empty());
  EXPECT_TRUE(azure.models.empty());
  ExpectAt(azure.location, file, 4, 3);

  const ProviderSettings& vllm = config->providers[2];
  EXPECT_EQ(vllm.name, "my-vllm");
  EXPECT_EQ(vllm.type, "openai");
  EXPECT_EQ(vllm.base_url, "http://10.0.0.5:8000/v1");
  EXPECT_EQ(vllm.api_key_env, "MY_VLLM_KEY");
  EXPECT_EQ(vllm.api_version, std::nullopt);
  EXPECT_EQ(vllm.drop_params, (std::vector<std::string>{"seed", "n"}));
  EXPECT_EQ(vllm.headers, (std::vector<std::pair<std::string, std::string>>{
                              {"X-Title", "my-app"},
                              {"HTTP-Referer", "https://example.com"}}));
  EXPECT_EQ(vllm.models,
            (std::vector<std::string>{"llama-3.1-70b", "qwen2.5-coder-32b"}));
  ExpectAt(vllm.location, file, 8, 3);

  ASSERT_EQ(config->aliases.size(), 2u);
  EXPECT_EQ(config->aliases[0].name, "smart");
  EXPECT_EQ(config->aliases[0].targets,
            std::vector<std::string>{"anthropic/claude-sonnet-4-5"});
  ExpectAt(config->aliases[0].location, file, 21, 3);
  EXPECT_EQ(config->aliases[1].name, "fast");
  EXPECT_EQ(config->aliases[1].targets,
            (std::vector<std::string>{"groq/llama-3.3-70b-versatile",
                                      "openai/gpt-4o-mini"}));
  ExpectAt(config->aliases[1].location, file, 22, 3);

  EXPECT_EQ(config->model_listing.cache_ttl, absl::Minutes(90));
  EXPECT_EQ(config->model_listing.timeout, absl::Milliseconds(2500));

  ASSERT_EQ(config->prices.size(), 2u);
  const PriceSettings& llama = config->prices[0];
  EXPECT_EQ(llama.model, "my-vllm/llama-3.1-70b");
  EXPECT_EQ(llama.input, 0.5);
  EXPECT_EQ(llama.output, 0.8);
  EXPECT_EQ(llama.cached_input, 0.1);
  EXPECT_EQ(llama.cache_write, 0.6);
  ExpectAt(llama.location, file, 29, 3);
  const PriceSettings& mini = config->prices[1];
  EXPECT_EQ(mini.model, "openai/gpt-4o-mini");
  EXPECT_EQ(mini.input, 0.15);
  EXPECT_EQ(mini.output, 0.6);
  EXPECT_EQ(mini.cached_input, std::nullopt);
  EXPECT_EQ(mini.cache_write, std::nullopt);
  ExpectAt(mini.location, file, 30, 3);
}

void ExpectEmpty(const absl::StatusOr<GatewayConfig>& config) {
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->providers.empty());
  EXPECT_TRUE(config->aliases.empty());
  EXPECT_TRUE(config->prices.empty());
  EXPECT_EQ(config->model_listing.cache_ttl, absl::Minutes(10));
  EXPECT_EQ(config->model_listing.timeout, absl::Seconds(5));
}

TEST(ConfigTest, EmptyConfigsHoldTheDefaults) {
  ExpectEmpty(LoadConfig(Testdata("empty.yaml")));
  ExpectEmpty(ParseConfig("", "gw.yaml"));
  ExpectEmpty(ParseConfig("# only a comment\n", "gw.yaml"));
  ExpectEmpty(ParseConfig("---\n", "gw.yaml"));
  ExpectEmpty(ParseConfig("providers:\naliases: {}\nmodel_listing:\nprices:\n",
                          "gw.yaml"));
}

TEST(ConfigTest, ProviderWithEmptyBodyIsBuiltIn) {
  absl::StatusOr<GatewayConfig> config =
      ParseConfig("providers:\n  groq:\n  openai: {}\n", "gw.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->providers.size(), 2u);
  EXPECT_EQ(config->providers[0].name, "groq");
  EXPECT_EQ(config->providers[1].name, "openai");
}

TEST(ConfigTest, BaseUrlLosesTrailingSlashes) {
  absl::StatusOr<GatewayConfig> config = ParseConfig(
      "providers:\n  a: {base_url: 'https://h.test//'}\n"
      "  b: {base_url: 'http://h.test:8000/v1/?next=/'}\n",
      "gw.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->providers[0].base_url, "https://h.test");
  EXPECT_EQ(config->providers[1].base_url, "http://h.test:8000/v1/?next=/");
}

TEST(ConfigTest, TrailingEmptyDocumentIsAllowed) {
  absl::StatusOr<GatewayConfig> config =
      ParseConfig("providers: {groq: {}}\n---\n", "gw.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->providers.size(), 1u);
}

TEST(ConfigTest, MissingFileCannotBeRead) {
  const std::string file = Testdata("missing.yaml");
  absl::StatusOr<GatewayConfig> config = LoadConfig(file);
  EXPECT_EQ(config.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(config.status().message(),
            file + ": cannot read: No such file or directory");
}

TEST(ConfigTest, DirectoryCannotBeRead) {
  const std::string dir = Testdata("");
  absl::StatusOr<GatewayConfig> config = LoadConfig(dir);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message(), dir + ": cannot read: Is a directory");
}

TEST(ConfigTest, DeepNestingIsASyntaxError) {
  absl::StatusOr<GatewayConfig> config =
      ParseConfig(std::string(5000, '['), "gw.yaml");
  EXPECT_TRUE(absl::StrContains(config.status().message(),
                                "YAML syntax: nested too deeply"))
      << config.status();
}

TEST(ConfigTest, OddInputNeverThrows) {
  const std::string deep_list(5000, '[');
  const std::string deep_map = [] {
    std::string yaml;
    for (int i = 0; i < 3000; ++i) absl::StrAppend(&yaml, "{a: ");
    return yaml;
  }();
  for (const std::string& yaml :
       {deep_list, deep_map, std::string("\xff\xfe\x00\x01", 4),
        std::string("!!binary 3q2+7w==\n"), std::string("a: !!int xyz\n"),
        std::string("*undefined\n"), std::string("&a [*a]\n"),
        std::string("\t- a\n"), std::string("? [a, b]\n: c\n")}) {
    SCOPED_TRACE(yaml.substr(0, 40));
    absl::StatusOr<GatewayConfig> config;
    EXPECT_NO_THROW(config = ParseConfig(yaml, "gw.yaml"));
    EXPECT_FALSE(config.ok());
  }
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

TEST(ConfigTest, RetriesSectionAndItsBounds) {
  absl::StatusOr<GatewayConfig> config = ParseConfig(
      "retries:\n  max_retries: 3\n  max_retries_limit: 6\n"
      "  initial_backoff: 100ms\n  max_backoff: 2s\n  attempt_timeout: 30s\n"
      "  max_attempt_timeout: 2m\n",
      "gw.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->retries.max_retries, 3);
  EXPECT_EQ(config->retries.max_retries_limit, 6);
  EXPECT_EQ(config->retries.initial_backoff, absl::Milliseconds(100));
  EXPECT_EQ(config->retries.max_backoff, absl::Seconds(2));
  EXPECT_EQ(config->retries.attempt_timeout, absl::Seconds(30));
  EXPECT_EQ(config->retries.max_attempt_timeout, absl::Minutes(2));

  EXPECT_EQ(ParseConfig("", "gw.yaml")->retries.max_retries, 2);
  struct Bad {
    const char* yaml;
    const char* message;
  };
  for (const Bad& bad : {
           Bad{"retries:\n  max_retries: -1\n",
               "gw.yaml:2:16: retries.max_retries: expected a whole number "
               "from 0 to 10"},
           Bad{"retries:\n  max_retries: 6\n",
               "gw.yaml:1:1: retries: max_retries exceeds max_retries_limit"},
           Bad{"retries:\n  initial_backoff: 5s\n  max_backoff: 1s\n",
               "gw.yaml:1:1: retries: initial_backoff exceeds max_backoff"},
           Bad{"retries:\n  retry_on: [503]\n",
               "gw.yaml:2:3: retries.retry_on: unknown setting"},
       }) {
    absl::StatusOr<GatewayConfig> parsed = ParseConfig(bad.yaml, "gw.yaml");
    EXPECT_FALSE(parsed.ok()) << bad.yaml;
    EXPECT_TRUE(absl::StrContains(parsed.status().message(), bad.message))
        << parsed.status().message();
  }
}

TEST(ConfigTest, AliasDeploymentsWithWeightsFallbacksAndBreaker) {
  absl::StatusOr<GatewayConfig> config = ParseConfig(
      "aliases:\n"
      "  gpt4o:\n"
      "    balance: latency\n"
      "    deployments:\n"
      "      - {model: azure-eu/gpt-4o, weight: 3}\n"
      "      - openai/gpt-4o\n"
      "    fallbacks: [anthropic/claude-sonnet-4-5]\n"
      "    context_fallback: gemini/gemini-2.5-pro\n"
      "circuit_breaker: {failures: 5, cooldown: 1m}\n",
      "gw.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  const AliasSettings& alias = config->aliases.at(0);
  EXPECT_EQ(alias.targets,
            (std::vector<std::string>{"azure-eu/gpt-4o", "openai/gpt-4o",
                                      "anthropic/claude-sonnet-4-5"}));
  EXPECT_EQ(alias.deployments, 2u);
  EXPECT_EQ(alias.weights, (std::vector<double>{3, 1}));
  EXPECT_EQ(alias.balance, "latency");
  EXPECT_EQ(alias.context_fallback, "gemini/gemini-2.5-pro");
  EXPECT_EQ(config->circuit_breaker.failures, 5);
  EXPECT_EQ(config->circuit_breaker.cooldown, absl::Minutes(1));

  struct Bad {
    const char* yaml;
    const char* message;
  };
  for (const Bad& bad : {
           Bad{"aliases:\n  a:\n    deployments:\n      - {model: x/y, "
               "weight: 0}\n",
               "aliases.a.deployments[0].weight: must be greater than 0"},
           Bad{"aliases:\n  a:\n    deployments:\n      - {weight: 2}\n",
               "model is required"},
           Bad{"aliases:\n  a:\n    balance: random\n    deployments: "
               "[x/y]\n",
               "aliases.a.balance: expected least_in_flight or latency"},
           Bad{"aliases:\n  a:\n    fallbacks: [x/y]\n",
               "deployments must list at least one model"},
           Bad{"circuit_breaker:\n  trips: 3\n",
               "circuit_breaker.trips: unknown setting"},
       }) {
    absl::StatusOr<GatewayConfig> parsed = ParseConfig(bad.yaml, "gw.yaml");
    EXPECT_FALSE(parsed.ok()) << bad.yaml;
    EXPECT_TRUE(absl::StrContains(parsed.status().message(), bad.message))
        << parsed.status().message();
  }
}

}  // namespace
}  // namespace literllm
