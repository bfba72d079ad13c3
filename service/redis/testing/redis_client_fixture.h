#ifndef LITERLLM_SERVICE_REDIS_TESTING_REDIS_CLIENT_FIXTURE_H_
#define LITERLLM_SERVICE_REDIS_TESTING_REDIS_CLIENT_FIXTURE_H_

// What the Redis client's tests share: a real redis-server, clients
// connected to it, and waiting for callbacks without touching a finished
// test's stack.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "service/redis/redis_client.h"
#include "tests/redis/redis_server_process.h"

namespace literllm {

// Generous: a slow CI machine under a sanitizer must not fail these.
inline constexpr absl::Duration kWait = absl::Seconds(10);

// The outcome of one callback, shared so that a late call cannot touch a
// finished test's stack.
struct Outcome {
  absl::Mutex mu;
  int calls ABSL_GUARDED_BY(mu) = 0;
  std::optional<absl::StatusOr<RedisReply>> result ABSL_GUARDED_BY(mu);
};

inline RedisClient::Callback Record(std::shared_ptr<Outcome> outcome) {
  return [outcome](absl::StatusOr<RedisReply> result) {
    absl::MutexLock lock(&outcome->mu);
    ++outcome->calls;
    outcome->result = std::move(result);
  };
}

inline absl::StatusOr<RedisReply> Await(std::shared_ptr<Outcome> outcome) {
  absl::MutexLock lock(&outcome->mu);
  auto called = [&outcome]() ABSL_SHARED_LOCKS_REQUIRED(outcome->mu) {
    return outcome->calls > 0;
  };
  if (!outcome->mu.AwaitWithTimeout(absl::Condition(&called), kWait)) {
    return absl::DeadlineExceededError("test: no callback");
  }
  return *outcome->result;
}

inline absl::StatusOr<RedisReply> Call(RedisClient& client,
                                       std::vector<std::string> args) {
  auto outcome = std::make_shared<Outcome>();
  client.Command(std::move(args), Record(outcome));
  return Await(outcome);
}

inline absl::StatusOr<RedisReply> RunEval(RedisClient& client,
                                          RedisClient::ScriptId script,
                                          std::vector<std::string> keys,
                                          std::vector<std::string> args) {
  auto outcome = std::make_shared<Outcome>();
  client.Eval(script, std::move(keys), std::move(args), Record(outcome));
  return Await(outcome);
}

inline bool Eventually(const std::function<bool()>& condition,
                       absl::Duration timeout = kWait) {
  absl::Time give_up = absl::Now() + timeout;
  while (!condition()) {
    if (absl::Now() > give_up) return false;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return true;
}

inline RedisClient::Options OptionsFor(const std::string& url) {
  RedisClient::Options options;
  absl::StatusOr<RedisEndpoint> endpoint = ParseRedisUrl(url);
  EXPECT_TRUE(endpoint.ok()) << endpoint.status();
  if (endpoint.ok()) options.endpoint = *endpoint;
  // Loose enough for sanitizer builds; the timeout test sets its own.
  options.command_timeout = absl::Seconds(2);
  return options;
}

class RedisClientTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(redis_.running()); }

  // A started client, connected.
  std::unique_ptr<RedisClient> Connect(RedisClient::Options options,
                                       std::vector<std::string> scripts = {}) {
    auto client = std::make_unique<RedisClient>(std::move(options));
    for (std::string& s : scripts) client->AddScript(std::move(s));
    client->Start();
    EXPECT_TRUE(Eventually([&] { return client->connected(); }));
    return client;
  }

  testing::RedisServerProcess redis_;
};

// A script for the tests that run one.
inline constexpr char kIncrBy[] =
    "return redis.call('INCRBY', KEYS[1], ARGV[1])";

}  // namespace literllm

#endif  // LITERLLM_SERVICE_REDIS_TESTING_REDIS_CLIENT_FIXTURE_H_
