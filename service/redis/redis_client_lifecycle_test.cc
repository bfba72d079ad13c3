// The Redis client's connection: Redis down, restarted or paused, hooks and
// timers on its loop, and stopping.
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/redis/redis_client.h"
#include "service/redis/testing/redis_client_fixture.h"

namespace literllm {
namespace {

using ::testing::HasSubstr;

TEST_F(RedisClientTest, FailsFastWhileRedisIsDown) {
  int port = redis_.port();
  redis_.Kill();
  RedisClient client(OptionsFor(redis_.url()));
  client.Start();
  for (int i = 0; i < 20; ++i) {
    absl::Time start = absl::Now();
    absl::Status status = Call(client, {"GET", "k"}).status();
    EXPECT_LT(absl::Now() - start, absl::Seconds(1));
    EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
    EXPECT_THAT(
        status.message(),
        HasSubstr(absl::StrCat("redis: not connected (127.0.0.1:", port, ")")));
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_FALSE(client.connected());
}

TEST_F(RedisClientTest, ReconnectsAfterRedisRestarts) {
  RedisClient::Options options = OptionsFor(redis_.url());
  options.max_reconnect_backoff = absl::Milliseconds(200);
  auto client = Connect(options, {kIncrBy});
  ASSERT_TRUE(Call(*client, {"SET", "k", "v"}).ok());

  redis_.Kill();
  ASSERT_TRUE(Eventually([&] { return !client->connected(); }));
  EXPECT_EQ(Call(*client, {"GET", "k"}).status().code(),
            absl::StatusCode::kUnavailable);

  redis_.Restart();
  ASSERT_TRUE(redis_.running());
  ASSERT_TRUE(Eventually([&] { return client->connected(); }));
  ASSERT_TRUE(Call(*client, {"SET", "k", "again"}).ok());
  absl::StatusOr<RedisReply> get = Call(*client, {"GET", "k"});
  ASSERT_TRUE(get.ok()) << get.status();
  EXPECT_EQ(get->string, "again");
  absl::StatusOr<RedisReply> eval = RunEval(*client, 0, {"n"}, {"2"});
  ASSERT_TRUE(eval.ok()) << eval.status();
  EXPECT_EQ(eval->integer, 2);
}

TEST_F(RedisClientTest, ConnectedHooksRunOnEveryConnection) {
  RedisClient::Options options = OptionsFor(redis_.url());
  options.max_reconnect_backoff = absl::Milliseconds(200);
  RedisClient client(options);
  std::atomic<int> connections{0};
  client.OnConnected([&] {
    // Commands sent from the hook go out on the new connection.
    client.Command({"INCR", "hooked"}, [](absl::StatusOr<RedisReply>) {});
    ++connections;
  });
  client.Start();
  ASSERT_TRUE(Eventually([&] { return connections.load() == 1; }));
  redis_.Kill();
  ASSERT_TRUE(Eventually([&] { return !client.connected(); }));
  redis_.Restart();
  ASSERT_TRUE(Eventually([&] { return connections.load() == 2; }));
  ASSERT_TRUE(Eventually([&] {
    absl::StatusOr<RedisReply> hooked = Call(client, {"GET", "hooked"});
    return hooked.ok() && hooked->string == "1";
  }));
}

TEST_F(RedisClientTest, AfterRunsLaterOnTheLoopAndNeverOnceStopped) {
  auto client = Connect(OptionsFor(redis_.url()));
  std::atomic<bool> ran{false};
  client->After(absl::Milliseconds(20), [&] { ran = true; });
  EXPECT_TRUE(Eventually([&] { return ran.load(); }));
  std::atomic<bool> late{false};
  client->After(absl::Hours(1), [&] { late = true; });
  absl::Time before = absl::Now();
  client->Stop();  // does not wait for the hour
  EXPECT_LT(absl::Now() - before, absl::Seconds(30));
  EXPECT_FALSE(late.load());
}

TEST_F(RedisClientTest, ScriptsAreLoadedOnEachConnection) {
  auto client = Connect(OptionsFor(redis_.url()), {kIncrBy});
  absl::StatusOr<RedisReply> sha = Call(*client, {"SCRIPT", "LOAD", kIncrBy});
  ASSERT_TRUE(sha.ok()) << sha.status();
  redis_.Restart();  // a fresh Redis: an empty script cache
  ASSERT_TRUE(redis_.running());
  ASSERT_TRUE(Eventually([&] {
    absl::StatusOr<RedisReply> exists =
        Call(*client, {"SCRIPT", "EXISTS", sha->string});
    return exists.ok() && exists->elements.at(0).integer == 1;
  }));
}

TEST_F(RedisClientTest, CommandTimesOutWhileRedisIsPaused) {
  RedisClient::Options options = OptionsFor(redis_.url());
  options.command_timeout = absl::Milliseconds(100);
  auto client = Connect(options);
  ASSERT_TRUE(Call(*client, {"SET", "k", "v"}).ok());

  redis_.Pause();
  auto outcome = std::make_shared<Outcome>();
  absl::Time start = absl::Now();
  client->Command({"GET", "k"}, Record(outcome));
  absl::StatusOr<RedisReply> late = Await(outcome);
  absl::Duration took = absl::Now() - start;
  redis_.Resume();
  EXPECT_EQ(late.status().code(), absl::StatusCode::kUnavailable)
      << late.status();
  EXPECT_EQ(late.status().message(), "redis: no reply within 100ms");
  EXPECT_GE(took, absl::Milliseconds(90));
  EXPECT_LT(took, absl::Seconds(2));

  // The connection stays, and the late reply goes nowhere.
  ASSERT_TRUE(Eventually([&] { return Call(*client, {"GET", "k"}).ok(); }));
  absl::StatusOr<RedisReply> get = Call(*client, {"GET", "k"});
  ASSERT_TRUE(get.ok()) << get.status();
  EXPECT_EQ(get->string, "v");
  client->Stop();
  absl::MutexLock lock(&outcome->mu);
  EXPECT_EQ(outcome->calls, 1);
}

TEST_F(RedisClientTest, StopCallsEveryCallbackOnce) {
  RedisClient::Options options = OptionsFor(redis_.url());
  options.command_timeout = absl::Seconds(30);
  auto client = Connect(options);
  redis_.Pause();  // so that commands stay in flight
  constexpr int kThreads = 4;
  constexpr int kPerThread = 100;
  std::vector<std::atomic<int>> calls(kThreads * kPerThread);
  std::atomic<int> cancelled{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        int id = t * kPerThread + i;
        client->Command({"INCR", "n"}, [&, id](absl::StatusOr<RedisReply> r) {
          if (r.status().code() == absl::StatusCode::kCancelled) ++cancelled;
          ++calls[id];
        });
        if (i == kPerThread / 2 && t == 0) client->Stop();  // mid-stream
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  client->Stop();
  int after_stop = 0;
  for (auto& c : calls) {
    EXPECT_EQ(c.load(), 1);
    after_stop += c.load();
  }
  EXPECT_EQ(cancelled.load(), kThreads * kPerThread);
  redis_.Resume();
  absl::SleepFor(absl::Milliseconds(100));
  int later = 0;
  for (auto& c : calls) later += c.load();
  EXPECT_EQ(later, after_stop);  // no callback after Stop returned

  // After Stop, commands fail at once with CANCELLED.
  auto outcome = std::make_shared<Outcome>();
  client->Command({"PING"}, Record(outcome));
  absl::MutexLock lock(&outcome->mu);
  ASSERT_EQ(outcome->calls, 1);
  EXPECT_EQ(outcome->result->status().code(), absl::StatusCode::kCancelled);
}

TEST(RedisClientLifecycleTest, StopIsSafeWithoutStartAndTwice) {
  RedisClient::Options options;
  options.endpoint.host = "127.0.0.1";
  options.endpoint.port = 1;
  {
    RedisClient never_started(options);  // the destructor stops it
  }
  RedisClient client(options);
  auto before = std::make_shared<Outcome>();
  client.Command({"PING"}, Record(before));
  {
    absl::MutexLock lock(&before->mu);
    ASSERT_EQ(before->calls, 1);
    EXPECT_EQ(before->result->status().code(), absl::StatusCode::kUnavailable);
  }
  client.Stop();
  client.Stop();
  client.Start();  // after Stop: stays stopped
  EXPECT_FALSE(client.connected());
  auto after = std::make_shared<Outcome>();
  client.Command({"PING"}, Record(after));
  absl::MutexLock lock(&after->mu);
  ASSERT_EQ(after->calls, 1);
  EXPECT_EQ(after->result->status().code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace literllm
