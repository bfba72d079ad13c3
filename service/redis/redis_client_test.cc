// The Redis client's commands: replies, pipelining, scripts, AUTH and SELECT.
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
#include "service/redis/testing/redis_client_fixture.h"

namespace literllm {
namespace {

using ::literllm::testing::RedisServerProcess;
using ::testing::HasSubstr;
using ::testing::Not;
using Type = RedisReply::Type;

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

}  // namespace
}  // namespace literllm
