// The ledger's scripts against a real redis-server.
#include "service/limits/usage_ledger.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/redis/connected_client.h"
#include "tests/redis/redis_server_process.h"

namespace literllm {
namespace {

class UsageLedgerTest : public ::testing::Test {
 protected:
  UsageLedgerTest()
      : client_(testing::ClientOptionsFor(redis_)), ledger_(client_) {}

  void SetUp() override { ASSERT_TRUE(testing::StartConnected(client_)); }

  absl::StatusOr<UsageLedger::Verdict> Admit(const Caller& caller) {
    absl::StatusOr<UsageLedger::Verdict> out = absl::UnknownError("none");
    absl::Notification done;
    ledger_.Admit(std::make_shared<const Caller>(caller),
                  [&](absl::StatusOr<UsageLedger::Verdict> verdict) {
                    out = std::move(verdict);
                    done.Notify();
                  });
    done.WaitForNotification();
    return out;
  }

  v1::KeyUsage Usage(const Caller& caller) {
    absl::StatusOr<v1::KeyUsage> out = absl::UnknownError("none");
    absl::Notification done;
    ledger_.Usage(caller.name, caller.budget_period,
                  [&](absl::StatusOr<v1::KeyUsage> usage) {
                    out = std::move(usage);
                    done.Notify();
                  });
    done.WaitForNotification();
    EXPECT_TRUE(out.ok()) << out.status();
    return out.ok() ? *out : v1::KeyUsage();
  }

  absl::StatusOr<RedisReply> Call(std::vector<std::string> args) {
    absl::StatusOr<RedisReply> out = absl::UnknownError("none");
    absl::Notification done;
    client_.Command(std::move(args), [&](absl::StatusOr<RedisReply> reply) {
      out = std::move(reply);
      done.Notify();
    });
    done.WaitForNotification();
    return out;
  }

  // Records, then waits until Redis has it (the usage query queues behind).
  void Record(const Caller& caller, int64_t prompt, int64_t completion,
              double cost) {
    ledger_.Record(caller, prompt, completion, cost);
    Usage(caller);
  }

  testing::RedisServerProcess redis_;
  RedisClient client_;
  UsageLedger ledger_;
};

TEST_F(UsageLedgerTest, RequestsPerMinuteAdmitExactlyTheLimitUnderConcurrency) {
  Caller caller{.name = "rpm-key", .rpm = 25};
  std::atomic<int> admitted{0}, limited{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 15; ++i) {
        absl::StatusOr<UsageLedger::Verdict> verdict = Admit(caller);
        ASSERT_TRUE(verdict.ok()) << verdict.status();
        if (verdict->exceeded == UsageLedger::Limit::kNone) {
          ++admitted;
          ledger_.Record(caller, 1, 1, 0);  // calls that end together
        } else {
          EXPECT_EQ(verdict->exceeded, UsageLedger::Limit::kRequests);
          EXPECT_GT(verdict->retry_after, absl::ZeroDuration());
          EXPECT_LE(verdict->retry_after, absl::Seconds(60));
          ++limited;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(admitted.load(), 25);
  EXPECT_EQ(limited.load(), 60 - 25);
  // Their usage, written in shared batches, adds up to every call.
  v1::KeyUsage usage;
  for (int i = 0; i < 250; ++i) {
    usage = Usage(caller);
    if (usage.requests() == 25) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(usage.requests(), 25);
  EXPECT_EQ(usage.prompt_tokens(), 25);
  EXPECT_EQ(usage.completion_tokens(), 25);
}

TEST_F(UsageLedgerTest, CallsAskingAtOnceAreDecidedTogetherInOrder) {
  auto caller =
      std::make_shared<const Caller>(Caller{.name = "burst", .rpm = 50});
  ASSERT_TRUE(Call({"CONFIG", "RESETSTAT"}).ok());
  constexpr int kCalls = 200;
  absl::Mutex mu;
  std::vector<int> admitted;  // the order calls were admitted in
  int refused = 0;
  absl::Notification all_answered;
  int answered = 0;
  for (int i = 0; i < kCalls; ++i) {
    ledger_.Admit(caller, [&, i](absl::StatusOr<UsageLedger::Verdict> v) {
      absl::MutexLock lock(&mu);
      EXPECT_TRUE(v.ok()) << v.status();
      if (v.ok() && v->exceeded == UsageLedger::Limit::kNone) {
        admitted.push_back(i);
      } else if (v.ok()) {
        EXPECT_EQ(v->exceeded, UsageLedger::Limit::kRequests);
        EXPECT_GT(v->retry_after, absl::ZeroDuration());
        ++refused;
      }
      if (++answered == kCalls) all_answered.Notify();
    });
  }
  ASSERT_TRUE(all_answered.WaitForNotificationWithTimeout(absl::Seconds(10)));
  absl::MutexLock lock(&mu);
  ASSERT_EQ(admitted.size(), 50u);
  EXPECT_EQ(refused, kCalls - 50);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(admitted[i], i);  // first come
  absl::StatusOr<RedisReply> stats = Call({"INFO", "commandstats"});
  ASSERT_TRUE(stats.ok());
  // Far fewer admission scripts than calls: they were batched.
  size_t at = stats->string.find("cmdstat_evalsha:calls=");
  ASSERT_NE(at, std::string::npos);
  int scripts = std::atoi(stats->string.c_str() + at + 22);
  EXPECT_LT(scripts, kCalls / 2) << stats->string;
}

TEST_F(UsageLedgerTest, RequestsOlderThanAMinuteNoLongerCount) {
  Caller caller{.name = "rpm-old", .rpm = 3};
  // A full window, all of it from 61 seconds ago.
  const std::string window = "literllm:{key:rpm-old}:rpm";
  const std::string old_s = absl::StrCat(absl::ToUnixSeconds(absl::Now()) - 61);
  ASSERT_TRUE(
      Call({"HSET", window, old_s, "3", "sum", "3", "oldest", old_s}).ok());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Admit(caller)->exceeded, UsageLedger::Limit::kNone) << i;
  }
  absl::StatusOr<UsageLedger::Verdict> verdict = Admit(caller);
  ASSERT_TRUE(verdict.ok());
  EXPECT_EQ(verdict->exceeded, UsageLedger::Limit::kRequests);
  // The three admitted now free their slots a minute from now.
  EXPECT_GT(verdict->retry_after, absl::Seconds(58));
  EXPECT_LE(verdict->retry_after, absl::Seconds(60));
  absl::StatusOr<RedisReply> old = Call({"HEXISTS", window, old_s});
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->integer, 0);  // the expired second is gone
  absl::StatusOr<RedisReply> fields = Call({"HLEN", window});
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->integer, 3);  // this second, sum, oldest
}

TEST_F(UsageLedgerTest, TokensPerMinuteCountRecordedUsage) {
  Caller caller{.name = "tpm-key", .tpm = 100};
  ASSERT_EQ(Admit(caller)->exceeded, UsageLedger::Limit::kNone);
  Record(caller, 60, 30, 0);
  ASSERT_EQ(Admit(caller)->exceeded, UsageLedger::Limit::kNone);  // 90 < 100
  Record(caller, 5, 5, 0);
  absl::StatusOr<UsageLedger::Verdict> verdict = Admit(caller);
  ASSERT_TRUE(verdict.ok());
  EXPECT_EQ(verdict->exceeded, UsageLedger::Limit::kTokens);
  EXPECT_GT(verdict->retry_after, absl::ZeroDuration());
  EXPECT_LE(verdict->retry_after, absl::Seconds(60));
  v1::KeyUsage usage = Usage(caller);
  EXPECT_EQ(usage.requests(), 2);
  EXPECT_EQ(usage.prompt_tokens(), 65);
  EXPECT_EQ(usage.completion_tokens(), 35);
}

TEST_F(UsageLedgerTest, TokensOlderThanAMinuteNoLongerCount) {
  Caller caller{.name = "tpm-old", .tpm = 50};
  ASSERT_EQ(Admit(caller)->exceeded, UsageLedger::Limit::kNone);
  Record(caller, 40, 20, 0);
  ASSERT_EQ(Admit(caller)->exceeded, UsageLedger::Limit::kTokens);
  // Move the recorded second 90 seconds back, as if it were that old.
  const std::string key = "literllm:{key:tpm-old}:tokens";
  absl::StatusOr<RedisReply> fields = Call({"HGETALL", key});
  ASSERT_TRUE(fields.ok()) << fields.status();
  const std::string old_second =
      absl::StrCat(absl::ToUnixSeconds(absl::Now()) - 90);
  for (size_t i = 0; i + 1 < fields->elements.size(); i += 2) {
    const std::string& field = fields->elements[i].string;
    if (field == "sum" || field == "oldest") continue;
    ASSERT_TRUE(Call({"HDEL", key, field}).ok());
    ASSERT_TRUE(
        Call({"HSET", key, old_second, fields->elements[i + 1].string}).ok());
  }
  ASSERT_TRUE(Call({"HSET", key, "oldest", old_second}).ok());
  EXPECT_EQ(Admit(caller)->exceeded, UsageLedger::Limit::kNone);
  absl::StatusOr<RedisReply> sum = Call({"HGET", key, "sum"});
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->string, "0");
}

TEST_F(UsageLedgerTest, CallsEndingTogetherShareOneWriteAfterTheWindow) {
  RedisClient client(testing::ClientOptionsFor(redis_));
  UsageLedger batched(client, absl::Milliseconds(200));
  ASSERT_TRUE(testing::StartConnected(client));
  Caller caller{.name = "batched", .budget_usd = 1};
  ASSERT_TRUE(Call({"CONFIG", "RESETSTAT"}).ok());
  for (int i = 0; i < 20; ++i) batched.Record(caller, 2, 1, 0.001);
  EXPECT_EQ(Usage(caller).requests(), 0);  // still inside the window
  v1::KeyUsage usage;
  for (int i = 0; i < 250 && usage.requests() < 20; ++i) {
    absl::SleepFor(absl::Milliseconds(20));
    usage = Usage(caller);
  }
  EXPECT_EQ(usage.requests(), 20);
  EXPECT_EQ(usage.prompt_tokens(), 40);
  EXPECT_EQ(usage.completion_tokens(), 20);
  EXPECT_NEAR(usage.spend_usd(), 0.02, 1e-12);
  absl::StatusOr<RedisReply> stats = Call({"INFO", "commandstats"});
  ASSERT_TRUE(stats.ok());
  // One record script for the twenty calls (the usage queries are EVALSHA
  // too: count the record script's HSET on the usage hash instead).
  EXPECT_THAT(stats->string, ::testing::HasSubstr("cmdstat_hset:calls=1,"));
}

TEST_F(UsageLedgerTest, DrainSendsWhatIsKeptBeforeTheWindowEnds) {
  RedisClient client(testing::ClientOptionsFor(redis_));
  UsageLedger batched(client, absl::Seconds(30));
  ASSERT_TRUE(testing::StartConnected(client));
  Caller caller{.name = "drained"};
  batched.Record(caller, 1, 1, 0);
  batched.Drain(absl::Seconds(5));
  EXPECT_EQ(Usage(caller).requests(), 1);
}

TEST_F(UsageLedgerTest, BudgetStopsOnceSpentAndReportsTheSpend) {
  Caller caller{.name = "budget-key",
                .budget_usd = 0.01,
                .budget_period = absl::Hours(24)};
  ASSERT_EQ(Admit(caller)->exceeded, UsageLedger::Limit::kNone);
  Record(caller, 10, 10, 0.004);
  ASSERT_EQ(Admit(caller)->exceeded, UsageLedger::Limit::kNone);
  Record(caller, 10, 10, 0.00600000001);
  absl::StatusOr<UsageLedger::Verdict> verdict = Admit(caller);
  ASSERT_TRUE(verdict.ok());
  EXPECT_EQ(verdict->exceeded, UsageLedger::Limit::kBudget);
  EXPECT_NEAR(verdict->spent_usd, 0.01000000001, 1e-12);
  EXPECT_GT(verdict->retry_after, absl::ZeroDuration());
  EXPECT_LE(verdict->retry_after, absl::Hours(24));
  v1::KeyUsage usage = Usage(caller);
  EXPECT_NEAR(usage.spend_usd(), 0.01000000001, 1e-12);
  EXPECT_EQ(usage.requests(), 2);
  int64_t day = 24 * 3600;
  EXPECT_EQ(usage.period_start_unix() % day, 0);
  EXPECT_LE(absl::ToUnixSeconds(absl::Now()) - usage.period_start_unix(), day);
}

TEST_F(UsageLedgerTest, LifetimeBudgetHasNoRetryHint) {
  Caller caller{.name = "lifetime", .budget_usd = 0.001};
  ASSERT_EQ(Admit(caller)->exceeded, UsageLedger::Limit::kNone);
  Record(caller, 1, 1, 0.002);
  absl::StatusOr<UsageLedger::Verdict> verdict = Admit(caller);
  ASSERT_TRUE(verdict.ok());
  EXPECT_EQ(verdict->exceeded, UsageLedger::Limit::kBudget);
  EXPECT_EQ(verdict->retry_after, absl::ZeroDuration());
  EXPECT_EQ(Usage(caller).period_start_unix(), 0);
}

TEST_F(UsageLedgerTest, KeysAreCountedApart) {
  Caller a{.name = "a", .rpm = 1};
  Caller b{.name = "b", .rpm = 1};
  EXPECT_EQ(Admit(a)->exceeded, UsageLedger::Limit::kNone);
  EXPECT_EQ(Admit(b)->exceeded, UsageLedger::Limit::kNone);
  EXPECT_EQ(Admit(a)->exceeded, UsageLedger::Limit::kRequests);
}

TEST_F(UsageLedgerTest, UsageKeptWhileRedisIsDownIsAddedWhenItIsBack) {
  Caller caller{.name = "outage", .rpm = 100};
  ASSERT_EQ(Admit(caller)->exceeded, UsageLedger::Limit::kNone);
  redis_.Kill();
  EXPECT_FALSE(Admit(caller).ok());
  ledger_.Record(caller, 7, 3, 0.5);
  for (int i = 0; i < 200 && ledger_.pending_requests() == 0; ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_EQ(ledger_.pending_requests(), 1);
  redis_.Restart();
  // The counters died with the process (no persistence); what was kept
  // here is added once the client is connected again.
  absl::StatusOr<UsageLedger::Verdict> verdict = absl::UnknownError("none");
  for (int i = 0; i < 500; ++i) {
    verdict = Admit(caller);
    if (verdict.ok()) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_TRUE(verdict.ok()) << verdict.status();
  v1::KeyUsage usage;
  for (int i = 0; i < 100; ++i) {
    usage = Usage(caller);
    if (usage.requests() == 1) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(usage.requests(), 1);  // the call that ended while it was away
  EXPECT_EQ(usage.prompt_tokens(), 7);
  EXPECT_EQ(usage.completion_tokens(), 3);
  EXPECT_NEAR(usage.spend_usd(), 0.5, 1e-12);
  EXPECT_EQ(ledger_.pending_requests(), 0);
}

}  // namespace
}  // namespace literllm
