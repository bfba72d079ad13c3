#include "service/redis/redis_client.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/redis/redis_server_process.h"

namespace literllm {
namespace {

using ::literllm::testing::RedisServerProcess;
using ::testing::HasSubstr;
using ::testing::Not;
using Type = RedisReply::Type;

// Generous: a slow CI machine under a sanitizer must not fail these.
constexpr absl::Duration kWait = absl::Seconds(10);

// The outcome of one callback, shared so that a late call cannot touch a
// finished test's stack.
struct Outcome {
  absl::Mutex mu;
  int calls ABSL_GUARDED_BY(mu) = 0;
  std::optional<absl::StatusOr<RedisReply>> result ABSL_GUARDED_BY(mu);
};

RedisClient::Callback Record(std::shared_ptr<Outcome> outcome) {
  return [outcome](absl::StatusOr<RedisReply> result) {
    absl::MutexLock lock(&outcome->mu);
    ++outcome->calls;
    outcome->result = std::move(result);
  };
}

absl::StatusOr<RedisReply> Await(std::shared_ptr<Outcome> outcome) {
  absl::MutexLock lock(&outcome->mu);
  auto called = [&outcome]() ABSL_SHARED_LOCKS_REQUIRED(outcome->mu) {
    return outcome->calls > 0;
  };
  if (!outcome->mu.AwaitWithTimeout(absl::Condition(&called), kWait)) {
    return absl::DeadlineExceededError("test: no callback");
  }
  return *outcome->result;
}

absl::StatusOr<RedisReply> Call(RedisClient& client,
                                std::vector<std::string> args) {
  auto outcome = std::make_shared<Outcome>();
  client.Command(std::move(args), Record(outcome));
  return Await(outcome);
}

absl::StatusOr<RedisReply> RunEval(RedisClient& client,
                                   RedisClient::ScriptId script,
                                   std::vector<std::string> keys,
                                   std::vector<std::string> args) {
  auto outcome = std::make_shared<Outcome>();
  client.Eval(script, std::move(keys), std::move(args), Record(outcome));
  return Await(outcome);
}

bool Eventually(const std::function<bool()>& condition,
                absl::Duration timeout = kWait) {
  absl::Time give_up = absl::Now() + timeout;
  while (!condition()) {
    if (absl::Now() > give_up) return false;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return true;
}

RedisClient::Options OptionsFor(const std::string& url) {
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

  RedisServerProcess redis_;
};

TEST_F(RedisClientTest, SetGetRoundTrip) {
  auto client = Connect(OptionsFor(redis_.url()));
  absl::StatusOr<RedisReply> set = Call(*client, {"SET", "greeting", "hello"});
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->type, Type::kString);
  EXPECT_EQ(set->string, "OK");

  absl::StatusOr<RedisReply> get = Call(*client, {"GET", "greeting"});
  ASSERT_TRUE(get.ok()) << get.status();
  EXPECT_EQ(get->type, Type::kString);
  EXPECT_EQ(get->string, "hello");

  absl::StatusOr<RedisReply> missing = Call(*client, {"GET", "nothing"});
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_EQ(missing->type, Type::kNil);

  absl::StatusOr<RedisReply> incr = Call(*client, {"INCRBY", "n", "41"});
  ASSERT_TRUE(incr.ok()) << incr.status();
  EXPECT_EQ(incr->type, Type::kInteger);
  EXPECT_EQ(incr->integer, 41);

  ASSERT_TRUE(Call(*client, {"RPUSH", "list", "a", "b"}).ok());
  absl::StatusOr<RedisReply> range =
      Call(*client, {"LRANGE", "list", "0", "-1"});
  ASSERT_TRUE(range.ok()) << range.status();
  ASSERT_EQ(range->type, Type::kArray);
  ASSERT_EQ(range->elements.size(), 2u);
  EXPECT_EQ(range->elements[1].string, "b");

  absl::StatusOr<RedisReply> refused = Call(*client, {"INCR", "greeting"});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("redis: ERR"));
}

TEST_F(RedisClientTest, ArgumentsAreBinarySafe) {
  auto client = Connect(OptionsFor(redis_.url()));
  const std::string key("k\0ey\r\n", 6);
  const char kValue[] = "\0\r\n$3\r\n\xff\xfe end";
  const std::string value(kValue, sizeof(kValue) - 1);
  ASSERT_TRUE(Call(*client, {"SET", key, value}).ok());
  absl::StatusOr<RedisReply> get = Call(*client, {"GET", key});
  ASSERT_TRUE(get.ok()) << get.status();
  EXPECT_EQ(get->string, value);
  absl::StatusOr<RedisReply> len = Call(*client, {"STRLEN", key});
  ASSERT_TRUE(len.ok()) << len.status();
  EXPECT_EQ(len->integer, static_cast<int64_t>(value.size()));
}

TEST_F(RedisClientTest, PipelinesCommandsFromManyThreads) {
  auto client = Connect(OptionsFor(redis_.url()));
  constexpr int kThreads = 4;
  constexpr int kPerThread = 250;
  constexpr int kTotal = kThreads * kPerThread;
  std::vector<std::atomic<int>> calls(kTotal);
  std::vector<std::atomic<int64_t>> values(kTotal);
  std::atomic<int> done{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        int id = t * kPerThread + i;
        client->Command({"INCR", "counter"},
                        [&, id](absl::StatusOr<RedisReply> reply) {
                          if (reply.ok()) {
                            values[id] = reply->integer;
                          } else {
                            ++failed;
                          }
                          ++calls[id];
                          ++done;
                        });
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_TRUE(Eventually([&] { return done.load() >= kTotal; }));
  EXPECT_EQ(failed.load(), 0);
  std::vector<bool> seen(kTotal + 1, false);
  for (int id = 0; id < kTotal; ++id) {
    EXPECT_EQ(calls[id].load(), 1) << "command " << id;
    int64_t v = values[id].load();
    ASSERT_TRUE(v >= 1 && v <= kTotal) << v;
    EXPECT_FALSE(seen[v]) << "two replies of " << v;
    seen[v] = true;
  }
  absl::StatusOr<RedisReply> total = Call(*client, {"GET", "counter"});
  ASSERT_TRUE(total.ok()) << total.status();
  EXPECT_EQ(total->string, absl::StrCat(kTotal));
  client->Stop();
  EXPECT_EQ(done.load(), kTotal);  // nothing was called twice
}

constexpr char kIncrBy[] = "return redis.call('INCRBY', KEYS[1], ARGV[1])";

TEST_F(RedisClientTest, EvalRunsRegisteredScripts) {
  auto client = std::make_unique<RedisClient>(OptionsFor(redis_.url()));
  RedisClient::ScriptId incr = client->AddScript(kIncrBy);
  RedisClient::ScriptId pair = client->AddScript("return {KEYS[1], ARGV[1]}");
  RedisClient::ScriptId broken = client->AddScript("this is not lua");
  client->Start();
  ASSERT_TRUE(Eventually([&] { return client->connected(); }));

  absl::StatusOr<RedisReply> first = RunEval(*client, incr, {"n"}, {"5"});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->integer, 5);
  absl::StatusOr<RedisReply> second = RunEval(*client, incr, {"n"}, {"7"});
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->integer, 12);

  absl::StatusOr<RedisReply> both = RunEval(*client, pair, {"k"}, {"v"});
  ASSERT_TRUE(both.ok()) << both.status();
  ASSERT_EQ(both->elements.size(), 2u);
  EXPECT_EQ(both->elements[0].string, "k");
  EXPECT_EQ(both->elements[1].string, "v");

  // A script Redis refuses fails its own Evals, not the connection.
  absl::StatusOr<RedisReply> bad = RunEval(*client, broken, {}, {});
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(client->connected());
  EXPECT_EQ(RunEval(*client, 99, {}, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(RedisClientTest, EvalRecoversFromNoScript) {
  auto client = Connect(OptionsFor(redis_.url()), {kIncrBy});
  absl::StatusOr<RedisReply> sha = Call(*client, {"SCRIPT", "LOAD", kIncrBy});
  ASSERT_TRUE(sha.ok()) << sha.status();
  ASSERT_TRUE(Call(*client, {"SCRIPT", "FLUSH"}).ok());
  absl::StatusOr<RedisReply> exists =
      Call(*client, {"SCRIPT", "EXISTS", sha->string});
  ASSERT_TRUE(exists.ok()) << exists.status();
  EXPECT_EQ(exists->elements.at(0).integer, 0);

  auto outcome = std::make_shared<Outcome>();
  client->Eval(0, {"n"}, {"3"}, Record(outcome));
  absl::StatusOr<RedisReply> result = Await(outcome);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->integer, 3);

  // The retry cached the script again, for the next EVALSHA.
  exists = Call(*client, {"SCRIPT", "EXISTS", sha->string});
  ASSERT_TRUE(exists.ok()) << exists.status();
  EXPECT_EQ(exists->elements.at(0).integer, 1);
  client->Stop();
  absl::MutexLock lock(&outcome->mu);
  EXPECT_EQ(outcome->calls, 1);
}

TEST(RedisClientAuthTest, AuthenticatesAndSelectsTheDatabase) {
  RedisServerProcess redis("pa55-word");
  ASSERT_TRUE(redis.running());
  std::string base =
      absl::StrCat("redis://:pa55-word@127.0.0.1:", redis.port());
  RedisClient db2(OptionsFor(base + "/2"));
  RedisClient db0(OptionsFor(absl::StrCat(
      "redis://default:pa55-word@127.0.0.1:", redis.port())));  // ACL user
  db2.Start();
  db0.Start();
  ASSERT_TRUE(Eventually([&] { return db2.connected() && db0.connected(); }));

  ASSERT_TRUE(Call(db2, {"SET", "where", "two"}).ok());
  absl::StatusOr<RedisReply> in_db0 = Call(db0, {"GET", "where"});
  ASSERT_TRUE(in_db0.ok()) << in_db0.status();
  EXPECT_EQ(in_db0->type, Type::kNil);
  ASSERT_TRUE(Call(db0, {"SELECT", "2"}).ok());
  absl::StatusOr<RedisReply> in_db2 = Call(db0, {"GET", "where"});
  ASSERT_TRUE(in_db2.ok()) << in_db2.status();
  EXPECT_EQ(in_db2->string, "two");
}

TEST(RedisClientAuthTest, WrongPasswordIsReportedWithoutIt) {
  RedisServerProcess redis("the-right-one");
  ASSERT_TRUE(redis.running());
  constexpr char kWrong[] = "wrong-secret-xyz";
  ::testing::internal::CaptureStdout();
  RedisClient client(OptionsFor(
      absl::StrCat("redis://:", kWrong, "@127.0.0.1:", redis.port())));
  client.Start();
  absl::Status last;
  bool refused = Eventually([&] {
    last = Call(client, {"PING"}).status();
    return absl::StrContains(last.message(), "WRONGPASS");
  });
  absl::SleepFor(absl::Milliseconds(300));  // a few more attempts
  EXPECT_FALSE(client.connected());
  client.Stop();
  std::string logs = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(refused) << last;
  EXPECT_EQ(last.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(last.message(), HasSubstr("AUTH failed"));
  EXPECT_THAT(last.ToString(), Not(HasSubstr(kWrong)));
  EXPECT_THAT(logs, Not(HasSubstr(kWrong)));
  // Logged once for the transition, not once per retry.
  size_t first = logs.find("redis unavailable");
  ASSERT_NE(first, std::string::npos) << logs;
  EXPECT_EQ(logs.find("redis unavailable", first + 1), std::string::npos)
      << logs;
}

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
