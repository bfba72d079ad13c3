#include "service/config/config.h"

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

// service/config/testdata/config/<name> (the build names the folder: a
// compiler cache may rewrite this file's own path).
std::string Testdata(const std::string& name) {
  return std::string(CONFIG_TESTDATA_DIR) + "/" + name;
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

}  // namespace
}  // namespace literllm
