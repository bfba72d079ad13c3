// GET /metrics of the real server after a mix of unary, streamed and failing
// calls on both fronts: valid under `promtool check metrics`, and every
// counter moved by exactly the calls made. With caller keys: rejections
// counted per key and reason, and no key material on the page.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fake_http/test_http_client.h"
#include "tests/integration/caller_keys_fixture.h"
#include "tests/integration/gateway_fixture.h"
#include "tests/integration/metrics_page.h"

namespace literllm::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kConfig[] = R"(
aliases:
  flaky: [groq/dead-model]
retries:
  max_retries: 1
  initial_backoff: 10ms
  max_backoff: 20ms
circuit_breaker:
  failures: 2
  cooldown: 10m
prices:
  openai/gpt-4o: {input: 2.5, output: 10}
)";

// The fake OpenAI and Groq: dead-model 503, bad-model 400, streams when
// asked, completions otherwise.
void Answer(const RecordedRequest& request, ResponseWriter& writer) {
  static const Handler* const kStream =
      new Handler(SseHandler(TextStream({"Hel", "lo"})));
  if (absl::StrContains(request.body, "dead-model")) {
    writer.SendJson(503, OpenAiError("down", "server_error", "overloaded"));
  } else if (absl::StrContains(request.body, "bad-model")) {
    writer.SendJson(
        400, OpenAiError("no such parameter", "invalid_request_error", "bad"));
  } else if (absl::StrContains(request.body, R"("stream":true)")) {
    (*kStream)(request, writer);
  } else {
    writer.SendJson(200, OpenAiCompletion("Hello!"));
  }
}

std::string Hello(const std::string& model, bool stream = false) {
  return absl::StrCat(R"({"model":")", model,
                      R"(","messages":[{"role":"user","content":"Hi"}])",
                      stream ? R"(,"stream":true})" : "}");
}

class MetricsTest : public ProviderTest {
 protected:
  MetricsTest()
      : ProviderTest(Answer, OpenAiAndGroqEnvironment, kTestKey,
                     ConfigArgs(kConfig)) {}

  CurlResult HttpChat(const std::string& body) {
    CURL* easy = curl_easy_init();
    CurlResult result =
        CurlFetch(easy,
                  absl::StrCat("http://127.0.0.1:", server_.http_port(),
                               "/v1/chat/completions"),
                  CurlOptions{body, {"Content-Type: application/json"}});
    curl_easy_cleanup(easy);
    return result;
  }
};

TEST_F(MetricsTest, CountersMoveByExactlyTheCallsMade) {
  const MetricsPage before = ScrapeMetrics(server_.http_port());
  ASSERT_EQ(before.status, 200);

  // gRPC: two answers, a stream, a dead deployment (retried once), a bad
  // request upstream, a request the policies refuse, an unknown provider.
  v1::ChatCompletionResponse answer;
  ASSERT_TRUE(Chat(Hello("openai/gpt-4o"), &answer).ok());
  ASSERT_TRUE(Chat(Hello("openai/gpt-4o"), &answer).ok());
  const double unary_cost = answer.estimated_cost_usd();
  std::vector<v1::ChatCompletionChunk> chunks;
  ASSERT_TRUE(Stream(Hello("openai/gpt-4o"), &chunks).ok());
  const double stream_cost = chunks.back().estimated_cost_usd();
  EXPECT_EQ(Chat(Hello("flaky"), &answer).error_code(), grpc::UNAVAILABLE);
  EXPECT_EQ(Chat(Hello("openai/bad-model"), &answer).error_code(),
            grpc::INVALID_ARGUMENT);
  EXPECT_EQ(
      Chat(R"({"model":"openai/gpt-4o","messages":[]})", &answer).error_code(),
      grpc::INVALID_ARGUMENT);
  EXPECT_EQ(Chat(Hello("nope/model"), &answer).error_code(),
            grpc::INVALID_ARGUMENT);
  // HTTP: an answer and a stream.
  EXPECT_EQ(HttpChat(Hello("openai/gpt-4o")).status, 200);
  CurlResult streamed = HttpChat(Hello("openai/gpt-4o", /*stream=*/true));
  EXPECT_EQ(streamed.status, 200);
  EXPECT_THAT(streamed.body, HasSubstr("[DONE]"));

  const MetricsPage after = ScrapeMetrics(server_.http_port());
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.content_type, "text/plain; version=0.0.4; charset=utf-8");
  ASSERT_TRUE(after.parsed);
  EXPECT_TRUE(PromtoolAccepts(after.text));
  auto moved = [&](const std::string& name, const Labels& labels) {
    return after.Value(name, labels) - before.Value(name, labels);
  };
  auto requests = [](const std::string& front, const std::string& method,
                     const std::string& model, const std::string& provider,
                     const std::string& code) {
    return Labels{{"front", front},     {"method", method},
                  {"model", model},     {"provider", provider},
                  {"key", "anonymous"}, {"code", code}};
  };
  const std::string kRequests = "literllm_requests_total";
  EXPECT_EQ(
      moved(kRequests, requests("grpc", "Chat", "gpt-4o", "openai", "OK")), 2);
  EXPECT_EQ(moved(kRequests,
                  requests("grpc", "ChatStream", "gpt-4o", "openai", "OK")),
            1);
  EXPECT_EQ(moved(kRequests, requests("grpc", "Chat", "dead-model", "groq",
                                      "UNAVAILABLE")),
            1);
  EXPECT_EQ(moved(kRequests, requests("grpc", "Chat", "bad-model", "openai",
                                      "INVALID_ARGUMENT")),
            1);
  // Never routed: the refused request and the unknown provider.
  EXPECT_EQ(moved(kRequests,
                  requests("grpc", "Chat", "none", "none", "INVALID_ARGUMENT")),
            2);
  EXPECT_EQ(
      moved(kRequests, requests("openai", "Chat", "gpt-4o", "openai", "OK")),
      1);
  EXPECT_EQ(moved(kRequests,
                  requests("openai", "ChatStream", "gpt-4o", "openai", "OK")),
            1);
  EXPECT_EQ(after.Sum(kRequests) - before.Sum(kRequests), 9);

  EXPECT_EQ(moved("literllm_policy_rejections_total",
                  {{"key", "anonymous"}, {"reason", "invalid_argument"}}),
            1);
  EXPECT_EQ(after.Sum("literllm_policy_rejections_total"), 1);

  const std::string kAttempts = "literllm_upstream_attempts_total";
  EXPECT_EQ(moved(kAttempts, {{"provider", "openai"}, {"outcome", "ok"}}), 5);
  EXPECT_EQ(
      moved(kAttempts, {{"provider", "groq"}, {"outcome", "server_error"}}), 2);
  EXPECT_EQ(
      moved(kAttempts, {{"provider", "openai"}, {"outcome", "bad_request"}}),
      1);

  // Three answers of 12 + 5 tokens (4 cached, 2 reasoning), two streams of
  // 9 + 3.
  auto tokens = [](const std::string& type) {
    return Labels{{"model", "gpt-4o"},
                  {"provider", "openai"},
                  {"key", "anonymous"},
                  {"type", type}};
  };
  const std::string kTokens = "literllm_tokens_total";
  EXPECT_EQ(moved(kTokens, tokens("input")), 3 * 12 + 2 * 9);
  EXPECT_EQ(moved(kTokens, tokens("output")), 3 * 5 + 2 * 3);
  EXPECT_EQ(moved(kTokens, tokens("cached_input")), 3 * 4);
  EXPECT_EQ(moved(kTokens, tokens("reasoning")), 3 * 2);
  EXPECT_FALSE(after.Has(kTokens, tokens("cache_creation")));
  ASSERT_GT(unary_cost, 0);
  ASSERT_GT(stream_cost, 0);
  EXPECT_NEAR(moved("literllm_cost_usd_total", {{"model", "gpt-4o"},
                                                {"provider", "openai"},
                                                {"key", "anonymous"}}),
              3 * unary_cost + 2 * stream_cost, 1e-12);

  const Labels grpc_chat{{"front", "grpc"},
                         {"method", "Chat"},
                         {"model", "gpt-4o"},
                         {"provider", "openai"}};
  EXPECT_EQ(moved("literllm_request_duration_seconds_count", grpc_chat), 2);
  Labels grpc_chat_inf = grpc_chat;
  grpc_chat_inf["le"] = "+Inf";
  EXPECT_EQ(moved("literllm_request_duration_seconds_bucket", grpc_chat_inf),
            2);
  EXPECT_GT(moved("literllm_request_duration_seconds_sum", grpc_chat), 0);
  EXPECT_EQ(moved("literllm_time_to_first_token_seconds_count",
                  {{"model", "gpt-4o"}, {"provider", "openai"}}),
            2);
  // Every call that reached a provider: 2 + 1 + 1 + 1 on gRPC, 2 on HTTP.
  EXPECT_EQ(moved("literllm_gateway_overhead_seconds_count", {}), 7);
  EXPECT_EQ(after.Value("literllm_inflight_requests", {{"front", "grpc"}}), 0);
  EXPECT_EQ(after.Value("literllm_inflight_requests", {{"front", "openai"}}),
            0);

  EXPECT_EQ(
      after.Value("literllm_circuit_open",
                  {{"provider", "groq"}, {"deployment", "groq/dead-model"}}),
      1);
  EXPECT_TRUE(after.Has("literllm_spans_dropped_total"));
  EXPECT_GT(after.Value("process_resident_memory_bytes"), 1 << 20);
  EXPECT_GT(after.Value("process_threads"), 1);
  EXPECT_GT(after.Value("process_open_fds"), 0);
  EXPECT_TRUE(after.Has("process_cpu_seconds_total"));
  EXPECT_THAT(after.text, Not(HasSubstr(kTestKey)));
}

TEST_F(MetricsTest, OwnPathsStayOnTheHttpListener) {
  CURL* easy = curl_easy_init();
  const std::string root =
      absl::StrCat("http://127.0.0.1:", server_.http_port());
  EXPECT_EQ(CurlFetch(easy, root + "/healthz").status, 200);
  EXPECT_EQ(CurlFetch(easy, root + "/readyz").status, 200);
  EXPECT_EQ(CurlFetch(easy, root + "/metrics", CurlOptions{"x"}).status, 405);
  curl_easy_cleanup(easy);
}

// --metrics=off: calls go unrecorded; the process's own metrics remain.
class MetricsOffTest : public ProviderTest {
 protected:
  MetricsOffTest()
      : ProviderTest(Answer, OpenAiAndGroqEnvironment, kTestKey,
                     [](const std::string& base_url) {
                       std::vector<std::string> args =
                           ConfigArgs(kConfig)(base_url);
                       args.push_back("--metrics=off");
                       return args;
                     }) {}
};

TEST_F(MetricsOffTest, CallsAreNotRecorded) {
  v1::ChatCompletionResponse answer;
  ASSERT_TRUE(Chat(Hello("openai/gpt-4o"), &answer).ok());
  const MetricsPage page = ScrapeMetrics(server_.http_port());
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(PromtoolAccepts(page.text));
  EXPECT_TRUE(page.Has("process_cpu_seconds_total"));
  EXPECT_THAT(page.text, Not(HasSubstr("literllm_requests_total")));
  EXPECT_THAT(page.text, Not(HasSubstr("literllm_inflight_requests")));
}

class MetricsWithKeysTest : public CallerKeysOneReplicaTest {};

TEST_F(MetricsWithKeysTest, RejectionsPerKeyAndReasonWithoutKeyMaterial) {
  v1::CreateKeyResponse limited = CreateKeyOk(0, Policy("limited", {}, 1));
  ASSERT_FALSE(limited.key().empty());
  EXPECT_TRUE(Chat(0, kTeamAKey).ok());
  EXPECT_EQ(Chat(0, "").error_code(), grpc::UNAUTHENTICATED);
  EXPECT_EQ(Chat(0, "sk-wrong-NeverLeakThisWrongKey0123").error_code(),
            grpc::UNAUTHENTICATED);
  EXPECT_EQ(Chat(0, kTeamAKey, "groq/llama-3.1-8b").error_code(),
            grpc::PERMISSION_DENIED);
  EXPECT_EQ(HttpChat(0, kTeamAKey, "groq/llama-3.1-8b").status, 403);
  EXPECT_TRUE(Chat(0, limited.key()).ok());
  EXPECT_EQ(Chat(0, limited.key()).error_code(), grpc::RESOURCE_EXHAUSTED);

  const MetricsPage page = ScrapeMetrics(replica(0).http_port());
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(PromtoolAccepts(page.text));
  const std::string kRejections = "literllm_policy_rejections_total";
  EXPECT_EQ(page.Value(kRejections,
                       {{"key", "anonymous"}, {"reason", "unauthenticated"}}),
            2);
  EXPECT_EQ(page.Value(kRejections,
                       {{"key", "team-a"}, {"reason", "permission_denied"}}),
            2);
  EXPECT_EQ(
      page.Value(kRejections, {{"key", "limited"}, {"reason", "rate_limited"}}),
      1);
  EXPECT_EQ(page.Sum(kRejections), 5);
  EXPECT_EQ(
      page.Sum("literllm_requests_total", {{"key", "team-a"}, {"code", "OK"}}),
      1);
  EXPECT_EQ(page.Sum("literllm_requests_total",
                     {{"key", "limited"}, {"code", "RESOURCE_EXHAUSTED"}}),
            1);
  EXPECT_EQ(page.Value("literllm_tokens_total", {{"model", "gpt-4o"},
                                                 {"provider", "openai"},
                                                 {"key", "team-a"},
                                                 {"type", "input"}}),
            kUnaryPrompt);
  for (const std::string& secret :
       {std::string(kMasterKey), std::string(kTeamAKey), std::string(kTeamBKey),
        std::string(kHashedKey), std::string(kGroqKey), std::string(kTestKey),
        limited.key(), std::string("sk-wrong-NeverLeakThisWrongKey0123")}) {
    EXPECT_THAT(page.text, Not(HasSubstr(secret)));
  }
}

}  // namespace
}  // namespace literllm::testing
