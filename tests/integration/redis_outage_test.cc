// Gateway replicas while their Redis is killed, paused, restarted or not
// there yet: calls end promptly with the configured outcome (deny: refused
// as UNAVAILABLE for keys with limits; allow: admitted and counted later),
// keys without limits keep working, nothing hangs or crashes, and limits
// hold again once Redis is back.
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/caller_keys_fixture.h"

namespace literllm::testing {
namespace {

using ::testing::IsEmpty;

// busy: limited but never near its limit; tight: rpm 2; free: no limits.
constexpr char kKeys[] = R"(
auth:
  keys:
    - name: busy
      key_env: TEAM_A_KEY
      rpm: 100000
    - name: tight
      key_env: TEAM_B_KEY
      rpm: 2
    - name: free
      key_sha256: 2ea4000093a79261b655913a25484373390f07c5ee665bb3653a4f44fa4f6429
)";

// The timeout is short next to the calls' 5 s deadlines, long enough that a
// slow CI machine does not time out a Redis that is up.
std::string Config(const std::string& on_failure) {
  return absl::StrCat("redis:\n  timeout: 250ms\n  on_failure: ", on_failure,
                      "\n", kKeys);
}

bool NamesRedis(const grpc::Status& status) {
  return absl::StrContains(absl::AsciiStrToLower(status.error_message()),
                           "redis");
}

// Makes `call(i)` (i = 0, 1, ...) from several threads until stopped.
class Load {
 public:
  using Call = std::function<grpc::Status(int i)>;
  Load(Call call, int threads) : call_(std::move(call)) {
    for (int t = 0; t < threads; ++t) {
      threads_.emplace_back([this, t] { Run(t); });
    }
  }
  ~Load() { Stop(); }

  void Stop() {
    stop_ = true;
    for (std::thread& thread : threads_) thread.join();
    threads_.clear();
  }
  int ok() const { return ok_; }
  int unavailable() const { return unavailable_; }
  // Calls that ended otherwise than OK or UNAVAILABLE naming Redis.
  std::vector<std::string> problems() const {
    absl::MutexLock lock(&mu_);
    return problems_;
  }

 private:
  void Run(int thread) {
    for (int i = thread; !stop_; ++i) {
      grpc::Status status = call_(i);
      if (status.ok()) {
        ++ok_;
      } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE &&
                 NamesRedis(status)) {
        ++unavailable_;
      } else {
        absl::MutexLock lock(&mu_);
        problems_.push_back(
            absl::StrCat(status.error_code(), " ", status.error_message()));
      }
      absl::SleepFor(absl::Milliseconds(10));
    }
  }

  const Call call_;
  std::atomic<bool> stop_{false};
  std::atomic<int> ok_{0};
  std::atomic<int> unavailable_{0};
  mutable absl::Mutex mu_;
  std::vector<std::string> problems_ ABSL_GUARDED_BY(mu_);
  std::vector<std::thread> threads_;
};

constexpr char kRedisPassword[] = "NeverLeakTheRedisPassword0123";

class RedisOutageTest : public CallerKeysTest {
 protected:
  RedisOutageTest() : CallerKeysTest(kRedisPassword) {}

  // Polls until `done` holds, up to `timeout`.
  static bool Eventually(const std::function<bool()>& done,
                         absl::Duration timeout) {
    absl::Time give_up = absl::Now() + timeout;
    while (!done()) {
      if (absl::Now() >= give_up) return false;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return true;
  }

  // Every replica still runs, and none logged the Redis password (while
  // its logs do talk about Redis).
  void ExpectAliveAndDiscreet() {
    for (size_t i = 0; i < replicas_.size(); ++i) {
      EXPECT_EQ(kill(replica(i).pid(), 0), 0) << "replica " << i << " died";
      EXPECT_EQ(replica(i).WaitForExit(absl::ZeroDuration()), -1);
    }
    std::vector<std::string> logs = AllLogs();
    EXPECT_TRUE(std::any_of(logs.begin(), logs.end(), [](const auto& line) {
      return absl::StrContains(absl::AsciiStrToLower(line), "redis");
    }));
    for (const std::string& line : logs) {
      EXPECT_FALSE(absl::StrContains(line, kRedisPassword)) << line;
      EXPECT_FALSE(absl::StrContains(line, kMasterKey)) << line;
      EXPECT_FALSE(absl::StrContains(line, kTeamAKey)) << line;
    }
  }

  // Calls the tight key (rpm 2) `n` times over the replicas; how many were
  // admitted. Every other call must be a rate-limit refusal.
  int TightCallsAdmitted(int n) {
    int ok = 0;
    for (int i = 0; i < n; ++i) {
      grpc::Status status = Chat(i % replicas_.size(), kTeamBKey);
      if (status.ok()) {
        ++ok;
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
            << status.error_message();
      }
    }
    return ok;
  }
};

TEST_F(RedisOutageTest, DenyRefusesLimitedKeysWhileRedisIsDownThenRecovers) {
  StartReplicas(2, Config("deny"));
  // Each call has a 5 s deadline: none may hang.
  Load load(
      [this](int i) {
        auto context = KeyContext(kTeamAKey, absl::Seconds(5));
        return Chat(i % 2, kTeamAKey, "openai/gpt-4o", nullptr, context.get());
      },
      3);
  ASSERT_TRUE(Eventually([&] { return load.ok() >= 10; }, absl::Seconds(30)));

  redis_.Kill();
  // Limited keys are refused, naming Redis, on every replica ...
  for (int i = 0; i < 2; ++i) {
    grpc::Status status;
    EXPECT_TRUE(Eventually(
        [&] {
          status = Chat(i, kTeamAKey);
          return status.error_code() == grpc::StatusCode::UNAVAILABLE;
        },
        absl::Seconds(5)))
        << i << ": " << status.error_code() << " " << status.error_message();
    EXPECT_TRUE(NamesRedis(status)) << status.error_message();
  }
  // ... while keys without limits and the master key still work.
  for (int i = 0; i < 2; ++i) {
    grpc::Status free = Chat(i, kHashedKey);
    EXPECT_TRUE(free.ok()) << free.error_message();
    EXPECT_TRUE(Chat(i, kMasterKey).ok());
  }
  int ok_before_restart = load.ok();
  absl::SleepFor(absl::Seconds(1));

  redis_.Restart();
  ASSERT_TRUE(redis_.running());
  EXPECT_TRUE(Eventually([&] { return load.ok() > ok_before_restart + 10; },
                         absl::Seconds(10)))
      << "no calls admitted after Redis came back";
  load.Stop();
  EXPECT_THAT(load.problems(), IsEmpty());
  EXPECT_GT(load.unavailable(), 0);
  for (int i = 0; i < 2; ++i) {
    EXPECT_TRUE(
        Eventually([&] { return Chat(i, kTeamAKey).ok(); }, absl::Seconds(10)))
        << "replica " << i << " did not recover";
  }
  // Limits hold again (the restarted Redis starts from nothing).
  EXPECT_EQ(TightCallsAdmitted(4), 2);
  ExpectAliveAndDiscreet();
}

TEST_F(RedisOutageTest, AHungRedisTimesOutInsteadOfHangingCalls) {
  StartReplicas(1, Config("deny"));
  ASSERT_TRUE(Chat(0, kTeamAKey).ok());
  redis_.Pause();
  std::vector<grpc::Status> during;
  for (int i = 0; i < 5; ++i) {
    auto context = KeyContext(kTeamAKey, absl::Seconds(5));
    during.push_back(
        Chat(0, kTeamAKey, "openai/gpt-4o", nullptr, context.get()));
  }
  grpc::Status free = Chat(0, kHashedKey);
  redis_.Resume();
  for (const grpc::Status& status : during) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
        << status.error_message();
    EXPECT_TRUE(NamesRedis(status)) << status.error_message();
  }
  EXPECT_TRUE(free.ok()) << free.error_message();
  EXPECT_TRUE(
      Eventually([&] { return Chat(0, kTeamAKey).ok(); }, absl::Seconds(10)));
  EXPECT_EQ(TightCallsAdmitted(3), 2);
  ExpectAliveAndDiscreet();
}

TEST_F(RedisOutageTest, AllowAdmitsDuringTheOutageAndCountsTheCallsLater) {
  constexpr int kCalls = 5;
  StartReplicas(1, Config("allow"));
  ASSERT_TRUE(Chat(0, kTeamAKey).ok());
  // Its tokens are in Redis, not kept for later.
  WaitForUsage(0, "busy", [](const v1::KeyUsage& u) {
    return u.prompt_tokens() == kUnaryPrompt;
  });
  redis_.Kill();
  for (int i = 0; i < kCalls; ++i) {
    auto context = KeyContext(kTeamAKey, absl::Seconds(5));
    grpc::Status status =
        Chat(0, kTeamAKey, "openai/gpt-4o", nullptr, context.get());
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  // Redis comes back empty (no persistence): what it then holds for the
  // key is what the replica kept while it was gone. No other call is made
  // meanwhile: coming back is enough.
  redis_.Restart();
  v1::KeyUsage usage = WaitForUsage(
      0, "busy", [](const v1::KeyUsage& u) { return u.requests() >= kCalls; },
      absl::Seconds(15));
  EXPECT_EQ(usage.requests(), kCalls);
  EXPECT_EQ(usage.prompt_tokens(), kCalls * kUnaryPrompt);
  EXPECT_EQ(usage.completion_tokens(), kCalls * kUnaryCompletion);
  ExpectAliveAndDiscreet();
}

TEST_F(RedisOutageTest, StartsWhileRedisIsDownAndConnectsWhenItComesUp) {
  redis_.Kill();
  StartReplicas(2, Config("deny"));
  for (int i = 0; i < 2; ++i) {
    grpc::Status limited = Chat(i, kTeamAKey);
    EXPECT_EQ(limited.error_code(), grpc::StatusCode::UNAVAILABLE)
        << limited.error_message();
    EXPECT_TRUE(Chat(i, kHashedKey).ok());
  }
  redis_.Restart();
  for (int i = 0; i < 2; ++i) {
    EXPECT_TRUE(
        Eventually([&] { return Chat(i, kTeamAKey).ok(); }, absl::Seconds(10)))
        << "replica " << i << " did not connect";
  }
  EXPECT_EQ(TightCallsAdmitted(4), 2);
  ExpectAliveAndDiscreet();
}

}  // namespace
}  // namespace literllm::testing
