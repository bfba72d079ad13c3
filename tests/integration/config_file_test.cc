// The YAML config file through the real server: providers it declares,
// aliases, model listing with its cache and timeout, and files that must stop
// the server at start with a message naming the file, line and problem.
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/integration/gateway_fixture.h"

namespace literllm::testing {
namespace {

constexpr char kPrivateKey[] = "sk-private-NeverLeakThisOne0123456789";

constexpr char kConfig[] = R"(
providers:
  my-vllm:
    base_url: {URL}/private/v1/
    api_key_env: MY_PRIVATE_KEY
    drop_params: [seed]
    headers: {X-Title: literllm-tests}
    models: [llama-3.1-70b]
  openai:
    base_url: {URL}/openai/v1
aliases:
  smart: my-vllm/llama-3.1-70b
  fast: [openai/gpt-4o-mini, my-vllm/llama-3.1-8b]
model_listing:
  cache_ttl: 1s
  timeout: 1s
)";

class ConfigFileTest : public ProviderTest {
 protected:
  ConfigFileTest()
      : ConfigFileTest(
            [](const std::string&) {
              return ServerProcess::Env{{"MY_PRIVATE_KEY", kPrivateKey},
                                        {"OPENAI_API_KEY", kTestKey}};
            },
            kConfig) {}
  ConfigFileTest(
      const std::function<ServerProcess::Env(const std::string&)>& env,
      const char* config)
      : ProviderTest(JsonHandler(200, OpenAiCompletion("Hello!")), env,
                     kPrivateKey, ConfigArgs(config)) {}

  v1::ListModelsResponse ListModels(v1::ListModelsRequest request = {}) {
    v1::ListModelsResponse response;
    auto context = Context();
    grpc::Status status = stub_->ListModels(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  int RequestsTo(absl::string_view path) const {
    int n = 0;
    for (const RecordedRequest& r : upstream_.requests()) n += r.path == path;
    return n;
  }
};

// Providers without a listing endpoint: Azure lists its configured
// deployments; Perplexity, with none configured, is named in `errors`.
constexpr char kUnlistedConfig[] = R"(
providers:
  azure:
    base_url: {URL}/azure
    api_key_env: AZURE_TEST_KEY
    models: [gpt-4o-prod]
  perplexity:
    base_url: {URL}/perplexity
    api_key_env: PERPLEXITY_TEST_KEY
)";

class UnlistedProvidersTest : public ConfigFileTest {
 protected:
  UnlistedProvidersTest()
      : ConfigFileTest(
            [](const std::string&) {
              return ServerProcess::Env{{"AZURE_TEST_KEY", kTestKey},
                                        {"PERPLEXITY_TEST_KEY", kTestKey}};
            },
            kUnlistedConfig) {}
};

TEST_F(UnlistedProvidersTest, EveryConfiguredProviderAppears) {
  v1::ListModelsResponse response = ListModels();
  std::vector<std::string> ids;
  for (const v1::Model& model : response.data()) ids.push_back(model.id());
  EXPECT_EQ(ids, (std::vector<std::string>{"azure/gpt-4o-prod"}));
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).provider(), "perplexity");
  EXPECT_TRUE(absl::StrContains(response.errors(0).message(),
                                "no model-listing endpoint"))
      << response.errors(0).message();
  EXPECT_TRUE(absl::StrContains(response.errors(0).message(),
                                "providers.perplexity.models"));
  EXPECT_TRUE(upstream_.requests().empty());  // nothing to ask either
}

TEST_F(ConfigFileTest, AliasRoutesToADeclaredProvider) {
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(
      R"({"model":"smart","messages":[{"role":"user","content":"Hi"}],"seed":3})",
      &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.provider(), "my-vllm");
  RecordedRequest seen = upstream_.requests().at(0);
  EXPECT_EQ(seen.path, "/private/v1/chat/completions");
  EXPECT_EQ(seen.Header("Authorization"), absl::StrCat("Bearer ", kPrivateKey));
  EXPECT_EQ(seen.Header("X-Title"), "literllm-tests");
  EXPECT_EQ(seen.body, R"({"model":"llama-3.1-70b","messages":[{"role":"user",)"
                       R"("content":"Hi"}]})");
}

TEST_F(ConfigFileTest, ListsFetchedConfiguredAndAliasedModels) {
  upstream_.set_handler([](const RecordedRequest& request, ResponseWriter& w) {
    w.SendJson(200,
               request.path == "/openai/v1/models"
                   ? R"({"object":"list","data":[{"id":"gpt-4o-mini",)"
                     R"("object":"model","created":1,"owned_by":"x"}]})"
                   : R"({"object":"list","data":[{"id":"llama-3.1-8b"}]})");
  });
  v1::ListModelsResponse response = ListModels();
  std::vector<std::string> ids;
  for (const v1::Model& model : response.data()) ids.push_back(model.id());
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "my-vllm/llama-3.1-8b", "my-vllm/llama-3.1-70b",
                     "openai/gpt-4o-mini", "smart", "fast"}));
  EXPECT_EQ(response.errors_size(), 0);
  const v1::Model& fast = response.data(4);
  EXPECT_EQ(fast.provider(), "openai");
  EXPECT_EQ(fast.alias_for_size(), 2);
  EXPECT_EQ(fast.alias_for(1), "my-vllm/llama-3.1-8b");

  v1::ListModelsRequest only;
  only.set_provider("my-vllm");
  ids.clear();
  v1::ListModelsResponse filtered = ListModels(only);
  for (const v1::Model& model : filtered.data()) ids.push_back(model.id());
  EXPECT_EQ(ids, (std::vector<std::string>{"my-vllm/llama-3.1-8b",
                                           "my-vllm/llama-3.1-70b", "smart"}));
}

TEST_F(ConfigFileTest, ListingsAreCachedAndFetchedOnceForConcurrentCallers) {
  upstream_.set_handler([](const RecordedRequest&, ResponseWriter& w) {
    w.Sleep(absl::Milliseconds(300));
    w.SendJson(200, R"({"data":[{"id":"m"}]})");
  });
  std::vector<std::thread> callers;
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([this] { EXPECT_EQ(ListModels().data_size(), 5); });
  }
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(RequestsTo("/private/v1/models"), 1);
  EXPECT_EQ(RequestsTo("/openai/v1/models"), 1);

  ListModels();  // within cache_ttl: no new fetch
  EXPECT_EQ(RequestsTo("/openai/v1/models"), 1);
  absl::SleepFor(absl::Milliseconds(1100));
  ListModels();  // expired
  EXPECT_EQ(RequestsTo("/openai/v1/models"), 2);
}

TEST_F(ConfigFileTest, ASlowOrFailingProviderDoesNotFailTheListing) {
  upstream_.set_handler([](const RecordedRequest& request, ResponseWriter& w) {
    if (request.path == "/openai/v1/models") {
      w.Sleep(absl::Seconds(5));  // past the 1s listing timeout
      return;
    }
    w.SendJson(200, R"({"data":[{"id":"llama-3.1-8b"}]})");
  });
  absl::Time start = absl::Now();
  v1::ListModelsResponse response = ListModels();
  EXPECT_LT(absl::Now() - start, absl::Seconds(4));
  ASSERT_EQ(response.errors_size(), 1);
  EXPECT_EQ(response.errors(0).provider(), "openai");
  EXPECT_TRUE(absl::StartsWith(response.errors(0).message(), "openai: "))
      << response.errors(0).message();
  EXPECT_EQ(response.data(0).id(), "my-vllm/llama-3.1-8b");

  upstream_.set_handler(JsonHandler(500, R"({"error":{"message":"down"}})"));
  absl::SleepFor(absl::Milliseconds(1100));  // let my-vllm's entry expire
  response = ListModels();
  EXPECT_EQ(response.errors_size(), 2);  // failures are reported, not cached
  EXPECT_EQ(response.data(0).id(), "my-vllm/llama-3.1-70b");  // configured
}

// A server started with `yaml` as its config; it must refuse to start.
struct BadStart {
  int exit_code;
  std::string log;
};

BadStart StartWith(const std::string& yaml, ServerProcess::Env env = {}) {
  std::string file = WriteConfig(yaml);
  ServerProcess server(std::move(env), {absl::StrCat("--config=", file)});
  BadStart result{server.WaitForExit(absl::Seconds(10)), ""};
  for (const std::string& line : server.Logs()) result.log += line;
  EXPECT_TRUE(absl::StrContains(result.log, file)) << result.log;
  return result;
}

TEST(ConfigFileStartTest, BadFilesStopTheServerNamingFileLineAndProblem) {
  struct Case {
    std::string yaml;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"providers:\n  groq:\n    base_ur: http://x\n",
            ":3:5: providers.groq.base_ur"},
           {"providers:\n  groq: [\n", ":3:1: YAML syntax"},
           {"providers:\n  my-llm:\n    type: nosuch\n    base_url: http://x\n",
            ":2:3: providers.my-llm.type: unknown type 'nosuch'"},
           {"providers:\n  my-llm:\n    base_url: http://x\n    api_key_env: "
            "NOT_SET_ANYWHERE\n",
            "providers.my-llm.api_key_env: environment variable "
            "NOT_SET_ANYWHERE is not set"},
           {"providers:\n  mistral: {}\n",
            ":2:3: providers.mistral: no key: set MISTRAL_API_KEY"},
           {"providers:\n  my-llm:\n    base_url: http://x\n    drop_params: "
            "[temprature]\n",
            "providers.my-llm.drop_params: 'temprature' is not a request"},
           {"aliases:\n  smart: anthropic/claude-sonnet-4-5\n",
            ":2:3: aliases.smart: alias 'smart': provider 'anthropic' is not "
            "configured: set ANTHROPIC_API_KEY"},
       }) {
    BadStart start = StartWith(c.yaml);
    EXPECT_EQ(start.exit_code, 2) << c.yaml;
    EXPECT_TRUE(absl::StrContains(start.log, c.message))
        << "want: " << c.message << "\nlog: " << start.log;
  }
}

TEST(ConfigFileStartTest, KeysWrittenInTheFileAreRefusedAndNeverEchoed) {
  BadStart start = StartWith(
      "providers:\n  groq:\n    api_key: gsk-WrittenInTheFile0123456789\n");
  EXPECT_EQ(start.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(start.log, "api_key_env")) << start.log;
  EXPECT_FALSE(absl::StrContains(start.log, "gsk-WrittenInTheFile"))
      << start.log;
}

TEST(ConfigFileStartTest, MissingFileIsNamed) {
  ServerProcess server({}, {"--config=/nonexistent/literllm.yaml"});
  EXPECT_EQ(server.WaitForExit(absl::Seconds(10)), 2);
  std::string log;
  for (const std::string& line : server.Logs()) log += line;
  EXPECT_TRUE(absl::StrContains(log, "/nonexistent/literllm.yaml: cannot read"))
      << log;
}

}  // namespace
}  // namespace literllm::testing
