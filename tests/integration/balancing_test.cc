// Load balancing across an alias's deployments through the real server:
// weighted shares, steering away from busy or slow deployments, the circuit
// breaker resting a dead deployment and probing it back in, and the
// context-length fallback.
#include <atomic>
#include <iostream>
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

constexpr char kPoolConfig[] = R"(
aliases:
  pool:
    deployments:
      - {model: openai/gpt-4o, weight: 3}
      - {model: groq/llama, weight: 1}
  guarded:
    deployments: [openai/dead-model, groq/live-model]
  busy:
    deployments: [openai/slow-model, groq/fast-model]
  quick:
    balance: latency
    deployments: [openai/slow-model, groq/fast-model]
  big:
    deployments: [openai/small-context]
    context_fallback: groq/large-context
retries:
  max_retries: 0
circuit_breaker:
  failures: 2
  cooldown: 700ms
)";

class BalancingTest : public ProviderTest {
 protected:
  BalancingTest()
      : ProviderTest(
            [this](const RecordedRequest& r, ResponseWriter& w) {
              if (absl::StrContains(r.body, "dead-model") && !revived_) {
                w.SendJson(503, R"({"error":{"message":"down"}})");
              } else if (absl::StrContains(r.body, "slow-model")) {
                if (w.Sleep(absl::Milliseconds(60))) {
                  w.SendJson(200, OpenAiCompletion("slow"));
                }
              } else if (absl::StrContains(r.body, "small-context")) {
                w.SendJson(400, OpenAiError("This model's maximum context "
                                            "length is 8192 tokens",
                                            "invalid_request_error",
                                            "context_length_exceeded"));
              } else {
                w.SendJson(200, OpenAiCompletion("ok"));
              }
            },
            OpenAiAndGroqEnvironment, kTestKey, ConfigArgs(kPoolConfig)) {}

  grpc::Status Call(const std::string& model,
                    v1::ChatCompletionResponse* response) {
    return Chat(
        absl::StrCat(R"({"model":")", model,
                     R"(","messages":[{"role":"user","content":"Hi"}]})"),
        response);
  }

  int RequestsFor(absl::string_view model) const {
    int n = 0;
    for (const RecordedRequest& r : upstream_.requests()) {
      n += absl::StrContains(r.body, absl::StrCat("\"model\":\"", model, "\""));
    }
    return n;
  }

  std::atomic<bool> revived_{false};
};

TEST_F(BalancingTest, DeploymentsShareCallsByWeight) {
  constexpr int kCalls = 400;
  for (int i = 0; i < kCalls; ++i) {
    v1::ChatCompletionResponse response;
    ASSERT_TRUE(Call("pool", &response).ok());
  }
  double heavy = RequestsFor("gpt-4o") / static_cast<double>(kCalls);
  EXPECT_EQ(RequestsFor("gpt-4o") + RequestsFor("llama"), kCalls);
  EXPECT_GT(heavy, 0.65);  // weight 3 of 4
  EXPECT_LT(heavy, 0.85);
}

TEST_F(BalancingTest, AFailingDeploymentRestsAndIsProbedBackIn) {
  for (int i = 0; i < 30; ++i) {
    v1::ChatCompletionResponse response;
    grpc::Status status = Call("guarded", &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.provider(), "groq");
  }
  // Two failures in a row put it to rest: no call reached it after that.
  EXPECT_EQ(RequestsFor("dead-model"), 2);

  revived_ = true;
  absl::SleepFor(absl::Milliseconds(800));  // past the cooldown
  v1::ChatCompletionResponse probe;
  ASSERT_TRUE(Call("guarded", &probe).ok());
  EXPECT_EQ(probe.provider(), "openai");  // the probe goes first
  EXPECT_EQ(RequestsFor("dead-model"), 3);
  for (int i = 0; i < 30; ++i) {
    v1::ChatCompletionResponse response;
    ASSERT_TRUE(Call("guarded", &response).ok());
  }
  EXPECT_GT(RequestsFor("dead-model"), 3);  // back in the rotation
}

TEST_F(BalancingTest, LeastInFlightSteersConcurrentCallsAwayFromABusyOne) {
  std::vector<std::thread> callers;
  for (int t = 0; t < 16; ++t) {
    callers.emplace_back([this] {
      for (int i = 0; i < 10; ++i) {
        v1::ChatCompletionResponse response;
        EXPECT_TRUE(Call("busy", &response).ok());
      }
    });
  }
  for (std::thread& t : callers) t.join();
  // Equal weights, but calls pile up on the slow one while the fast one
  // drains at once; a blind split would give each about 80.
  EXPECT_EQ(RequestsFor("slow-model") + RequestsFor("fast-model"), 160);
  std::cout << "busy: " << RequestsFor("fast-model") << " fast of 160\n";
  EXPECT_GT(RequestsFor("fast-model"), 104);
}

TEST_F(BalancingTest, LatencyBalancingPrefersTheFasterDeployment) {
  for (int i = 0; i < 100; ++i) {
    v1::ChatCompletionResponse response;
    ASSERT_TRUE(Call("quick", &response).ok());
  }
  // Equal weights; the fast one answers in about 1 ms, the slow one in 60.
  EXPECT_GT(RequestsFor("fast-model"), 85);
  EXPECT_GE(RequestsFor("slow-model"), 1);  // measured, still tried at times
}

TEST_F(BalancingTest, PromptsTooLongMoveToTheLargerContextModel) {
  v1::ChatCompletionResponse response;
  grpc::Status status = Call("big", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.provider(), "groq");
  EXPECT_EQ(RequestsFor("small-context"), 1);
  EXPECT_EQ(RequestsFor("large-context"), 1);
}

}  // namespace
}  // namespace literllm::testing
