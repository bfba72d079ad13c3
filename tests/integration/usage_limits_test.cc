// Limits of caller keys through three real gateway replicas sharing one real
// Redis: rpm, tpm and budgets counted across replicas, revocation reaching
// every replica, and no key ever in a log line or a status.
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/caller_keys_fixture.h"
#include "tests/integration/openai_fixtures.h"

namespace literllm::testing {
namespace {

using ::testing::DoubleNear;

// ------------------------------------------- limits shared across replicas

TEST_F(CallerKeysThreeReplicasTest, RpmAdmitsExactlyNAcrossAllReplicas) {
  constexpr int kRpm = 20, kThreads = 6, kCallsEach = 10;
  std::string key = CreateKeyOk(0, Policy("shared", {}, kRpm)).key();
  absl::Mutex mu;
  int ok = 0;
  std::vector<std::string> problems;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCallsEach; ++i) {
        auto context = KeyContext(key);
        grpc::Status status =
            Chat((t + i) % 3, key, "openai/gpt-4o", nullptr, context.get());
        int retry_after = RetryAfterSeconds(*context);
        absl::MutexLock lock(&mu);
        if (status.ok()) {
          ++ok;
        } else if (status.error_code() !=
                       grpc::StatusCode::RESOURCE_EXHAUSTED ||
                   !absl::StrContains(status.error_message(), "rate limit") ||
                   retry_after < 1 || retry_after > 60) {
          problems.push_back(absl::StrCat(status.error_code(), " ",
                                          status.error_message(),
                                          " retry-after=", retry_after));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(ok, kRpm);
  EXPECT_THAT(problems, ::testing::IsEmpty());
  EXPECT_EQ(ChatRequestsUpstream(), kRpm);

  HttpAnswer http = HttpChat(1, key);
  EXPECT_EQ(http.status, 429) << http.body;
  EXPECT_EQ(http.ErrorField("code"), "rate_limit_exceeded") << http.body;
  int retry_after = 0;
  EXPECT_TRUE(absl::SimpleAtoi(http.Header("Retry-After"), &retry_after))
      << http.head;
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
}

TEST_F(CallerKeysThreeReplicasTest, TpmCountsStreamedTokensOnEveryReplica) {
  std::string key = CreateKeyOk(0, Policy("tokens", {}, 0, /*tpm=*/20)).key();
  const int per_stream = kStreamPrompt + kStreamCompletion;
  auto tokens_at_least = [](int n) {
    return [n](const v1::KeyUsage& u) {
      return u.prompt_tokens() + u.completion_tokens() >= n;
    };
  };
  // Under the limit, calls are admitted: 0, then 12 of 20 tokens used.
  v1::ChatCompletionChunk last;
  ASSERT_TRUE(Stream(0, key, "openai/gpt-4o", &last).ok());
  ASSERT_EQ(last.usage().prompt_tokens(), kStreamPrompt);
  WaitForUsage(2, "tokens", tokens_at_least(per_stream));
  ASSERT_TRUE(Stream(1, key).ok());
  v1::KeyUsage usage =
      WaitForUsage(2, "tokens", tokens_at_least(2 * per_stream));
  ASSERT_EQ(usage.prompt_tokens() + usage.completion_tokens(), 2 * per_stream);

  ExpectExhausted(key, "tokens per minute", "rate_limit_exceeded",
                  /*max_retry_after=*/60);
  EXPECT_EQ(ChatRequestsUpstream(), 2);
}

TEST_F(CallerKeysThreeReplicasTest, BudgetIsDrawnDownByUnaryAndStreamedCalls) {
  constexpr double kBudget = 0.0002;
  v1::KeyPolicy policy = Policy("budgeted", {"openai/*"}, 0, 0, kBudget);
  policy.set_budget_period("1d");
  std::string key = CreateKeyOk(0, policy).key();
  auto spent_at_least = [](double usd) {
    return
        [usd](const v1::KeyUsage& u) { return u.spend_usd() >= usd - 1e-12; };
  };
  v1::ChatCompletionResponse first, third;
  v1::ChatCompletionChunk second;
  ASSERT_TRUE(Chat(0, key, "openai/gpt-4o", &first).ok());
  WaitForUsage(1, "budgeted", spent_at_least(first.estimated_cost_usd()));
  ASSERT_TRUE(Stream(1, key, "openai/gpt-4o", &second).ok());
  double two = first.estimated_cost_usd() + second.estimated_cost_usd();
  // The test's premise: two calls stay under the budget, three do not.
  ASSERT_GT(second.estimated_cost_usd(), 0);
  ASSERT_LT(two, kBudget);
  WaitForUsage(2, "budgeted", spent_at_least(two));
  ASSERT_TRUE(Chat(2, key, "openai/gpt-4o", &third).ok());
  double all = two + third.estimated_cost_usd();
  ASSERT_GE(all, kBudget);
  v1::KeyUsage usage = WaitForUsage(0, "budgeted", spent_at_least(all));

  // The next call would be admitted in the next daily period.
  ExpectExhausted(key, "budget", "insufficient_quota",
                  /*max_retry_after=*/86400);
  EXPECT_EQ(ChatRequestsUpstream(), 3);

  EXPECT_THAT(usage.spend_usd(), DoubleNear(all, 1e-12));
  EXPECT_EQ(usage.requests(), 3);
  EXPECT_EQ(usage.prompt_tokens(), 2 * kUnaryPrompt + kStreamPrompt);
  int64_t now = absl::ToUnixSeconds(absl::Now());
  EXPECT_EQ(usage.period_start_unix() % 86400, 0);
  EXPECT_LE(usage.period_start_unix(), now);
  EXPECT_GT(usage.period_start_unix(), now - 86400);
}

TEST_F(CallerKeysThreeReplicasTest, RevokedKeyIsRefusedByOtherReplicasSoon) {
  std::string key = CreateKeyOk(0, Policy("leaving")).key();
  ASSERT_TRUE(Chat(1, key).ok());
  ASSERT_TRUE(Chat(2, key).ok());
  ASSERT_TRUE(Chat(1, key).ok());  // right before the revocation
  ASSERT_TRUE(RevokeKey(0, "leaving").ok());
  // Each replica refuses it once its cached check (at most a second old)
  // runs out; polled generously for slow machines.
  const absl::Time give_up = absl::Now() + absl::Seconds(3);
  for (int i = 0; i < 3; ++i) {
    grpc::Status status = Chat(i, key);
    while (status.ok() && absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(50));
      status = Chat(i, key);
    }
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << "replica " << i << ": " << status.error_message();
  }
  absl::SleepFor(absl::Seconds(1.5));  // past every replica's cache
  EXPECT_EQ(Chat(2, key).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(HttpChat(2, key).status, 401);
}

// ------------------------------------------------------------------ secrecy

TEST_F(CallerKeysThreeReplicasTest, NoKeyMaterialInLogsOrStatuses) {
  std::vector<std::string> seen;  // every status and error the clients got
  auto note = [&seen](const grpc::Status& status) {
    seen.push_back(
        absl::StrCat(status.error_message(), "|", status.error_details()));
  };
  auto note_http = [&seen](const HttpAnswer& answer) {
    seen.push_back(absl::StrCat(answer.head, "\n", answer.body));
  };
  std::string made = CreateKeyOk(0, Policy("made", {"openai/*"}, 100)).key();
  std::string limited = CreateKeyOk(1, Policy("limited", {}, 1)).key();
  std::vector<std::string> secrets{kMasterKey, kTeamAKey, kTeamBKey, kHashedKey,
                                   kGroqKey,   kTestKey,  made,      limited};
  for (int i = 0; i < 3; ++i) {
    for (const std::string& key : secrets) {
      note(Chat(i, key));
      note(Chat(i, key, "groq/llama-3.1-8b"));
      note(Stream(i, key, "groq/llama-3.1-70b"));
      note(Chat(i, absl::StrCat(key, "x")));  // near misses
      note_http(HttpChat(i, key, "groq/llama-3.1-8b"));
      note_http(HttpChat(i, absl::StrCat(key, "x")));
      note(CreateKey(i, key, Policy("a b")));
    }
    auto x_api_key = KeyContext(kMasterKey, absl::Seconds(20), "x-api-key");
    note(Chat(i, "", "no-such/model", nullptr, x_api_key.get()));
    note_http(Http(i, "POST", "/v1/chat/completions", kMasterKey, "{nope"));
    note_http(Http(i, "GET", "/v1/nowhere", kMasterKey));
  }
  ASSERT_TRUE(RevokeKey(2, "made").ok());
  absl::SleepFor(absl::Seconds(1.5));
  for (int i = 0; i < 3; ++i) {
    note(Chat(i, made));
    note_http(HttpChat(i, made));
  }
  std::vector<std::string> logs = AllLogs();
  ASSERT_FALSE(logs.empty());
  ASSERT_GT(seen.size(), 100u);
  for (const std::string& secret : secrets) {
    for (const std::string& text : seen) {
      EXPECT_FALSE(absl::StrContains(text, secret))
          << "a key in a status or error: " << text;
    }
    for (const std::string& line : logs) {
      EXPECT_FALSE(absl::StrContains(line, secret))
          << "a key in a log: " << line;
    }
  }
}

}  // namespace
}  // namespace literllm::testing
