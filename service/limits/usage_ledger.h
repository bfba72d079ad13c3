#ifndef LITERLLM_SERVICE_LIMITS_USAGE_LEDGER_H_
#define LITERLLM_SERVICE_LIMITS_USAGE_LEDGER_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "literllm/v1/admin_service.pb.h"
#include "service/call/caller.h"
#include "service/redis/redis_client.h"

namespace literllm {

// Each caller key's requests, tokens and spend in Redis, shared by every
// replica, and the admission decisions made from them. Admitting a call is
// one atomic script (EVALSHA) that checks the budget, the tokens of the last
// minute and the requests of the last minute (sliding windows of per-second
// counts, 60 fields at most whatever the rate), and counts the request only
// if all of them allow it, on Redis's clock;
// counting what a call used when it ended is one more, shared by the calls
// that ended meanwhile. Redis keys of one caller key share a hash tag, so
// this works on Redis Cluster. Callbacks run on the Redis client's thread.
class UsageLedger {
 public:
  enum class Limit { kNone, kRequests, kTokens, kBudget };
  struct Verdict {
    Limit exceeded = Limit::kNone;  // kNone: admitted (and counted for rpm)
    // When a call would be admitted again; zero when never (a spent
    // lifetime budget).
    absl::Duration retry_after;
    double spent_usd = 0;  // the period's spend, for kBudget
  };
  template <typename T>
  using Done = absl::AnyInvocable<void(T) &&>;

  // Registers the ledger's scripts: before `redis` starts. Usage of calls
  // that end within `batch_window` of each other is sent in one write per
  // key (zero: as soon as no write is in flight).
  explicit UsageLedger(RedisClient& redis,
                       absl::Duration batch_window = absl::ZeroDuration());

  // Admits a call of `caller` (counting it for rpm), or
  // names the limit it hit; a Redis failure is the status. One admission
  // script per key is in flight at a time: calls of that key that arrive
  // meanwhile are decided together by the next one, in order.
  void Admit(std::shared_ptr<const Caller> caller,
             Done<absl::StatusOr<Verdict>> done);
  // Counts an admitted call that ended, with what it used (tokens, cost):
  // written after the batch window, at most one write per key in flight,
  // calls that end meanwhile share the next one; while Redis cannot be
  // written, the figures are kept here and added once it is connected
  // again.
  void Record(const Caller& caller, int64_t prompt_tokens,
              int64_t completion_tokens, double cost_usd);
  // What the key named `name` used in its current period.
  void Usage(const std::string& name, absl::Duration budget_period,
             Done<absl::StatusOr<v1::KeyUsage>> done);

  // Sends what is kept at once and waits (at most `timeout`) until Redis
  // has it: at shutdown, before the client stops.
  void Drain(absl::Duration timeout);

  // Calls counted here and not yet in Redis (for tests and logs).
  int64_t pending_requests() const;

 private:
  struct Pending {
    int64_t requests = 0;
    int64_t prompt_tokens = 0;
    int64_t completion_tokens = 0;
    double cost_usd = 0;
    absl::Duration budget_period;
    bool tokens_per_minute = false;  // the key has a tpm limit
  };
  // Calls of one key waiting for the admission in flight.
  struct KeyAdmissions {
    bool in_flight = false;
    std::vector<Done<absl::StatusOr<Verdict>>> waiting;
  };
  static constexpr size_t kMaxAdmissionBatch = 256;
  void SendAdmissions(std::shared_ptr<const Caller> caller,
                      std::vector<Done<absl::StatusOr<Verdict>>> batch);
  void AnswerAdmissions(absl::StatusOr<RedisReply> reply,
                        std::vector<Done<absl::StatusOr<Verdict>>>& batch);
  void Keep(const std::string& name, const Pending& usage);
  // Sends what is kept here (one write per key), unless a batch is in
  // flight: then it goes when that one is answered.
  void FlushPending();
  void Written(bool ok);
  void Write(const std::string& name, const Pending& usage,
             absl::AnyInvocable<void(bool ok) &&> done);

  RedisClient& redis_;
  const RedisClient::ScriptId admit_;
  const RedisClient::ScriptId record_;
  const RedisClient::ScriptId usage_;
  const absl::Duration batch_window_;

  absl::Mutex admit_mu_;
  absl::flat_hash_map<std::string, KeyAdmissions> admissions_
      ABSL_GUARDED_BY(admit_mu_);

  std::atomic<bool> has_pending_{false};
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Pending> pending_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;      // a batch is in flight
  bool batch_timer_ ABSL_GUARDED_BY(mu_) = false;  // a flush is due
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_LIMITS_USAGE_LEDGER_H_
