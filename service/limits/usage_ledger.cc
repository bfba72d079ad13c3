#include "service/limits/usage_ledger.h"

#include <cmath>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "service/limits/usage_scripts.h"

namespace literllm {
namespace {

// Every Redis key of one caller key shares the hash tag {key:<name>}; names
// are letters, digits, '-', '_' and '.', so they never contain braces.
std::string KeyPrefix(absl::string_view name) {
  return absl::StrCat("literllm:{key:", name, "}:");
}

std::string Seconds(absl::Duration period) {
  return absl::StrCat(absl::ToInt64Seconds(period));
}

// Enough digits that a sum of small costs loses nothing.
std::string Usd(double usd) { return absl::StrFormat("%.17g", usd); }

const RedisReply* Element(const RedisReply& reply, size_t i) {
  return i < reply.elements.size() ? &reply.elements[i] : nullptr;
}

}  // namespace

UsageLedger::UsageLedger(RedisClient& redis, absl::Duration batch_window)
    : redis_(redis),
      admit_(redis.AddScript(AdmitScript())),
      record_(redis.AddScript(RecordScript())),
      usage_(redis.AddScript(UsageScript())),
      batch_window_(batch_window) {
  redis.OnConnected([this] {
    if (has_pending_.load()) FlushPending();
  });
}

void UsageLedger::Admit(std::shared_ptr<const Caller> caller,
                        Done<absl::StatusOr<Verdict>> done) {
  {
    absl::MutexLock lock(&admit_mu_);
    KeyAdmissions& key = admissions_[caller->name];
    if (key.in_flight) {
      key.waiting.push_back(std::move(done));
      return;
    }
    key.in_flight = true;
  }
  std::vector<Done<absl::StatusOr<Verdict>>> batch;
  batch.push_back(std::move(done));
  SendAdmissions(std::move(caller), std::move(batch));
}

void UsageLedger::SendAdmissions(
    std::shared_ptr<const Caller> caller,
    std::vector<Done<absl::StatusOr<Verdict>>> batch) {
  const std::string prefix = KeyPrefix(caller->name);
  const size_t n = batch.size();
  redis_.Eval(
      admit_,
      {absl::StrCat(prefix, "rpm"), absl::StrCat(prefix, "tokens"),
       absl::StrCat(prefix, "usage:")},
      {absl::StrCat(caller->rpm), absl::StrCat(caller->tpm),
       Usd(caller->budget_usd), Seconds(caller->budget_period),
       absl::StrCat(n)},
      [this, caller,
       batch = std::move(batch)](absl::StatusOr<RedisReply> reply) mutable {
        // The next batch goes out before this one's calls go on.
        std::vector<Done<absl::StatusOr<Verdict>>> next;
        {
          absl::MutexLock lock(&admit_mu_);
          auto it = admissions_.find(caller->name);
          if (it->second.waiting.empty()) {
            admissions_.erase(it);
          } else {
            std::vector<Done<absl::StatusOr<Verdict>>>& waiting =
                it->second.waiting;
            const size_t take = std::min(waiting.size(), kMaxAdmissionBatch);
            next.assign(std::make_move_iterator(waiting.begin()),
                        std::make_move_iterator(waiting.begin() + take));
            waiting.erase(waiting.begin(), waiting.begin() + take);
          }
        }
        if (!next.empty()) SendAdmissions(caller, std::move(next));
        if (reply.ok() && has_pending_.load()) FlushPending();
        AnswerAdmissions(std::move(reply), batch);
      });
}

void UsageLedger::AnswerAdmissions(
    absl::StatusOr<RedisReply> reply,
    std::vector<Done<absl::StatusOr<Verdict>>>& batch) {
  const RedisReply* verdict = reply.ok() ? Element(*reply, 0) : nullptr;
  const RedisReply* retry = reply.ok() ? Element(*reply, 1) : nullptr;
  const RedisReply* spent = reply.ok() ? Element(*reply, 2) : nullptr;
  const RedisReply* admitted = reply.ok() ? Element(*reply, 3) : nullptr;
  if (reply.ok() && (verdict == nullptr || retry == nullptr ||
                     spent == nullptr || admitted == nullptr)) {
    reply = absl::InternalError("redis: unexpected answer to an admission");
  }
  if (!reply.ok()) {
    for (auto& done : batch) std::move(done)(reply.status());
    return;
  }
  Verdict refused;
  refused.retry_after =
      absl::Milliseconds(std::max<int64_t>(0, retry->integer));
  refused.exceeded = Limit::kRequests;
  if (verdict->string == "tpm") refused.exceeded = Limit::kTokens;
  if (verdict->string == "budget") {
    refused.exceeded = Limit::kBudget;
    (void)absl::SimpleAtod(spent->string, &refused.spent_usd);
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    std::move(batch[i])(static_cast<int64_t>(i) < admitted->integer ? Verdict()
                                                                    : refused);
  }
}

void UsageLedger::Record(const Caller& caller, int64_t prompt_tokens,
                         int64_t completion_tokens, double cost_usd) {
  Keep(caller.name, Pending{.requests = 1,
                            .prompt_tokens = prompt_tokens,
                            .completion_tokens = completion_tokens,
                            .cost_usd = cost_usd,
                            .budget_period = caller.budget_period,
                            .tokens_per_minute = caller.tpm > 0});
  if (batch_window_ == absl::ZeroDuration()) return FlushPending();
  {
    absl::MutexLock lock(&mu_);
    if (batch_timer_) return;
    batch_timer_ = true;
  }
  redis_.After(batch_window_, [this] {
    {
      absl::MutexLock lock(&mu_);
      batch_timer_ = false;
    }
    FlushPending();
  });
}

void UsageLedger::Drain(absl::Duration timeout) {
  const absl::Time give_up = absl::Now() + timeout;
  while (true) {
    bool idle;
    {
      absl::MutexLock lock(&mu_);
      idle = !writing_ && pending_.empty();
    }
    if (idle || absl::Now() >= give_up) return;
    FlushPending();  // nothing while a batch is in flight
    absl::SleepFor(absl::Milliseconds(1));
  }
}

void UsageLedger::Keep(const std::string& name, const Pending& usage) {
  absl::MutexLock lock(&mu_);
  Pending& kept = pending_[name];
  kept.requests += usage.requests;
  kept.prompt_tokens += usage.prompt_tokens;
  kept.completion_tokens += usage.completion_tokens;
  kept.cost_usd += usage.cost_usd;
  kept.budget_period = usage.budget_period;
  kept.tokens_per_minute = usage.tokens_per_minute;
  has_pending_.store(true);
}

void UsageLedger::FlushPending() {
  absl::flat_hash_map<std::string, Pending> batch;
  {
    absl::MutexLock lock(&mu_);
    // One batch in flight at a time: calls that end meanwhile wait here and
    // share the next batch's write, so under load a key costs one write per
    // Redis round trip rather than one per call.
    if (writing_ || pending_.empty()) return;
    writing_ = true;
    batch.swap(pending_);
    has_pending_.store(false);
  }
  auto left = std::make_shared<std::atomic<size_t>>(batch.size());
  auto all_ok = std::make_shared<std::atomic<bool>>(true);
  for (const auto& [name, usage] : batch) {
    Write(name, usage, [this, left, all_ok](bool ok) {
      if (!ok) all_ok->store(false);
      if (left->fetch_sub(1) == 1) Written(all_ok->load());
    });
  }
}

void UsageLedger::Written(bool ok) {
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
  }
  // After a failure what was kept waits for the next call or reconnection.
  if (ok && has_pending_.load()) FlushPending();
}

void UsageLedger::Write(const std::string& name, const Pending& usage,
                        absl::AnyInvocable<void(bool ok) &&> done) {
  std::string prefix = KeyPrefix(name);
  redis_.Eval(
      record_, {absl::StrCat(prefix, "tokens"), absl::StrCat(prefix, "usage:")},
      {absl::StrCat(usage.prompt_tokens), absl::StrCat(usage.completion_tokens),
       Usd(usage.cost_usd), Seconds(usage.budget_period),
       absl::StrCat(usage.requests), usage.tokens_per_minute ? "1" : "0"},
      [this, name, usage,
       done = std::move(done)](absl::StatusOr<RedisReply> reply) mutable {
        if (!reply.ok()) Keep(name, usage);  // sent again later
        std::move(done)(reply.ok());
      });
}

int64_t UsageLedger::pending_requests() const {
  absl::MutexLock lock(&mu_);
  int64_t requests = 0;
  for (const auto& [name, usage] : pending_) requests += usage.requests;
  return requests;
}

void UsageLedger::Usage(const std::string& name, absl::Duration budget_period,
                        Done<absl::StatusOr<v1::KeyUsage>> done) {
  redis_.Eval(
      usage_, {absl::StrCat(KeyPrefix(name), "usage:")},
      {Seconds(budget_period)},
      [name, done = std::move(done)](absl::StatusOr<RedisReply> reply) mutable {
        if (!reply.ok()) return std::move(done)(reply.status());
        v1::KeyUsage usage;
        usage.set_name(name);
        int64_t start = 0, requests = 0, prompt = 0, completion = 0;
        double spend = 0;
        bool ok = reply->elements.size() == 5 &&
                  absl::SimpleAtoi(reply->elements[0].string, &start) &&
                  absl::SimpleAtoi(reply->elements[1].string, &requests) &&
                  absl::SimpleAtoi(reply->elements[2].string, &prompt) &&
                  absl::SimpleAtoi(reply->elements[3].string, &completion) &&
                  absl::SimpleAtod(reply->elements[4].string, &spend);
        if (!ok) {
          return std::move(done)(
              absl::InternalError("redis: unexpected answer to a usage query"));
        }
        usage.set_period_start_unix(start);
        usage.set_requests(requests);
        usage.set_prompt_tokens(prompt);
        usage.set_completion_tokens(completion);
        usage.set_spend_usd(spend);
        std::move(done)(std::move(usage));
      });
}

}  // namespace literllm
