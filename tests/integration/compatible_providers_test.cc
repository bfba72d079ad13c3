// The OpenAI-compatible family and Azure through the real server: every
// provider is configured from its own environment variables and routed to a
// fake server over loopback, where URL, headers, model name and body are
// checked.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/integration/gateway_fixture.h"

namespace literllm::testing {
namespace {

// One provider as callers and its server see it.
struct Route {
  std::string provider;
  std::string path;         // the request target the server receives
  std::string auth_header;  // "" when no credential may be sent
  std::string auth_value;
  std::vector<std::string> body_has;
  std::vector<std::string> body_lacks;
};

std::string KeyOf(const std::string& provider) {
  return absl::StrCat("sk-", provider, "-NeverLeakThisKey0123456789");
}

std::string Bearer(const std::string& provider) {
  return absl::StrCat("Bearer ", KeyOf(provider));
}

// Every provider's environment, each base URL a distinct path on the fake.
ServerProcess::Env FamilyEnvironment(const std::string& url) {
  ServerProcess::Env env;
  for (const char* name :
       {"OPENAI", "GROQ", "MISTRAL", "DEEPSEEK", "TOGETHER", "FIREWORKS",
        "OPENROUTER", "XAI", "PERPLEXITY", "CEREBRAS"}) {
    std::string lower = absl::AsciiStrToLower(name);
    env[absl::StrCat(name, "_API_KEY")] = KeyOf(lower);
    env[absl::StrCat(name, "_BASE_URL")] = absl::StrCat(url, "/", lower, "/v1");
  }
  env["AZURE_OPENAI_API_KEY"] = KeyOf("azure");
  env["AZURE_OPENAI_ENDPOINT"] = url + "/azure/";
  env["OLLAMA_BASE_URL"] = url + "/ollama/v1";
  env["VLLM_BASE_URL"] = url + "/vllm/v1";
  return env;
}

class CompatibleProvidersTest : public ProviderTest {
 protected:
  CompatibleProvidersTest()
      : ProviderTest(JsonHandler(200, OpenAiCompletion("Hello!")),
                     FamilyEnvironment, KeyOf("groq")) {}

  // Sends the same request as `provider/some-model` and returns what the
  // fake server received.
  RecordedRequest Send(const std::string& provider,
                       const std::string& extra_members) {
    int before = upstream_.request_count();
    v1::ChatCompletionResponse response;
    grpc::Status status = Chat(
        absl::StrCat(R"({"model":")", provider, R"(/some-model","messages":[)",
                     R"({"role":"developer","content":"Be brief."},)",
                     R"({"role":"user","name":"al","content":"Hello!"}])",
                     extra_members, "}"),
        &response);
    EXPECT_TRUE(status.ok()) << provider << ": " << status.error_message();
    EXPECT_EQ(response.provider(), provider);
    EXPECT_EQ(response.choices(0).message().content(), "Hello!");
    EXPECT_EQ(upstream_.request_count(), before + 1);
    return upstream_.requests().back();
  }
};

TEST_F(CompatibleProvidersTest, EachProviderGetsItsUrlKeyModelAndQuirks) {
  const std::string sampling =
      R"(,"seed":7,"presence_penalty":0.5,"max_completion_tokens":64,)"
      R"("user":"u-1")";
  for (const Route& route : std::vector<Route>{
           {"openai",
            "/openai/v1/chat/completions",
            "Authorization",
            Bearer("openai"),
            {R"("role":"developer")", R"("name":"al")", R"("seed":7)"},
            {}},
           {"groq",
            "/groq/v1/chat/completions",
            "Authorization",
            Bearer("groq"),
            {R"("role":"system")", R"("seed":7)"},
            {R"("name":"al")", R"("role":"developer")"}},
           {"mistral",
            "/mistral/v1/chat/completions",
            "Authorization",
            Bearer("mistral"),
            {R"("random_seed":7)", R"("max_tokens":64)"},
            {R"("seed")", R"("user":"u-1")", "max_completion_tokens"}},
           {"deepseek",
            "/deepseek/v1/chat/completions",
            "Authorization",
            Bearer("deepseek"),
            {R"("seed":7)"},
            {}},
           {"together",
            "/together/v1/chat/completions",
            "Authorization",
            Bearer("together"),
            {R"("presence_penalty":0.5)"},
            {}},
           {"fireworks",
            "/fireworks/v1/chat/completions",
            "Authorization",
            Bearer("fireworks"),
            {},
            {}},
           {"openrouter",
            "/openrouter/v1/chat/completions",
            "Authorization",
            Bearer("openrouter"),
            {},
            {}},
           {"xai",
            "/xai/v1/chat/completions",
            "Authorization",
            Bearer("xai"),
            {R"("seed":7)"},
            {"presence_penalty"}},
           {"perplexity",
            "/perplexity/v1/chat/completions",
            "Authorization",
            Bearer("perplexity"),
            {R"("presence_penalty":0.5)"},
            {R"("seed")"}},
           {"cerebras",
            "/cerebras/v1/chat/completions",
            "Authorization",
            Bearer("cerebras"),
            {R"("seed":7)"},
            {"presence_penalty"}},
           {"azure",
            "/azure/openai/deployments/some-model/chat/"
            "completions?api-version=2024-10-21",
            "api-key",
            KeyOf("azure"),
            {R"("role":"developer")"},
            {}},
           {"ollama", "/ollama/v1/chat/completions", "", "", {}, {}},
           {"vllm", "/vllm/v1/chat/completions", "", "", {}, {}},
       }) {
    SCOPED_TRACE(route.provider);
    RecordedRequest seen = Send(route.provider, sampling);
    EXPECT_EQ(seen.method, "POST");
    EXPECT_EQ(seen.path, route.path);
    if (route.auth_header.empty()) {
      EXPECT_EQ(seen.Header("Authorization"), "");
      EXPECT_EQ(seen.Header("api-key"), "");
    } else {
      EXPECT_EQ(seen.Header(route.auth_header), route.auth_value);
    }
    EXPECT_TRUE(absl::StrContains(seen.body, R"({"model":"some-model",)"))
        << seen.body;
    for (const std::string& part : route.body_has) {
      EXPECT_TRUE(absl::StrContains(seen.body, part))
          << part << " in " << seen.body;
    }
    for (const std::string& part : route.body_lacks) {
      EXPECT_FALSE(absl::StrContains(seen.body, part))
          << part << " in " << seen.body;
    }
  }
}

TEST_F(CompatibleProvidersTest, UnsupportedFeaturesFailBeforeAnyCall) {
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(
      R"({"model":"perplexity/sonar","messages":[{"role":"user","content":"x"}],)"
      R"("tools":[{"type":"function","function":{"name":"f"}}]})",
      &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "perplexity: tools: function calling is not served");
  status = Chat(
      R"({"model":"groq/llama","messages":[{"role":"user","content":"x"}],"n":3})",
      &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(upstream_.request_count(), 0);
}

TEST_F(CompatibleProvidersTest, MistralStreamsWithoutStreamOptionsYetHasUsage) {
  upstream_.set_handler(SseHandler(
      {ChunkEvent(
           R"([{"index":0,"delta":{"role":"assistant","content":"Sa"}}])"),
       ChunkEvent(
           R"([{"index":0,"delta":{"content":"lut"},"finish_reason":"stop"}])"),
       "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"created\":1,"
       "\"model\":\"mistral-small\",\"choices\":[{\"index\":0,\"delta\":"
       "{\"content\":\"\"},\"finish_reason\":null}],\"usage\":{\"prompt_"
       "tokens\""
       ":4,\"total_tokens\":7,\"completion_tokens\":3}}\n\n",
       "data: [DONE]\n\n"}));
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(
      R"({"model":"mistral/mistral-small","messages":[{"role":"user","content":"Hi"}]})",
      &chunks);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StreamedText(chunks), "Salut");
  ASSERT_GE(chunks.size(), 2u);
  EXPECT_EQ(chunks.back().choices_size(), 0);
  EXPECT_EQ(chunks.back().usage().total_tokens(), 7);
  EXPECT_EQ(chunks.back().provider(), "mistral");
  RecordedRequest seen = upstream_.requests().at(0);
  EXPECT_TRUE(absl::StrContains(seen.body, R"("stream":true)"));
  EXPECT_FALSE(absl::StrContains(seen.body, "stream_options"));
}

TEST_F(CompatibleProvidersTest, AzureDeploymentErrorsNameAzure) {
  upstream_.set_handler(JsonHandler(
      404, R"({"error":{"code":"DeploymentNotFound","message":"The API )"
           R"(deployment for this resource does not exist."}})"));
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(
      R"({"model":"azure/missing","messages":[{"role":"user","content":"x"}]})",
      &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(absl::StartsWith(status.error_message(), "azure: "))
      << status.error_message();
  EXPECT_TRUE(absl::StrContains(status.error_message(), "DeploymentNotFound"));
}

}  // namespace
}  // namespace literllm::testing
