#include "service/limits/usage_ledger.h"

#include <cmath>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "service/keys/key_material.h"

namespace literllm {
namespace {

// Every Redis key of one caller key shares the hash tag {key:<name>}; names
// are letters, digits, '-', '_' and '.', so they never contain braces.
std::string KeyPrefix(absl::string_view name) {
  return absl::StrCat("literllm:{key:", name, "}:");
}

// Put before each script that needs it: budget periods start at multiples
// of their length since the Unix epoch (1d: midnight UTC); 0 is a lifetime.
constexpr char kPeriodStart[] = R"lua(
local function period_start(now_s, period)
  if period > 0 then return now_s - now_s % period end
  return 0
end
)lua";

// KEYS: request log (sorted set), token buckets (hash: a field per second,
// their sum, the oldest second), usage prefix (the period start appended).
// ARGV: rpm, tpm, budget_usd, period_seconds (0: lifetime), log member
// prefix, n: the number of calls asking at once (admitted in order), 1 to
// drop expired log entries even when the log is not full.
// Returns {verdict, retry_after_ms, spent, admitted}: "budget" or "tpm"
// (none admitted), or "ok" with how many of the n were admitted (the rest
// hit rpm, retry_after_ms tells when a slot frees).
constexpr char kAdmit[] = R"lua(
local time = redis.call('TIME')
local now_s = tonumber(time[1])
local now_ms = now_s * 1000 + math.floor(tonumber(time[2]) / 1000)
local rpm, tpm = tonumber(ARGV[1]), tonumber(ARGV[2])
local budget, period = tonumber(ARGV[3]), tonumber(ARGV[4])
local start = period_start(now_s, period)
local usage = KEYS[3] .. start
if budget > 0 then
  local spent = tonumber(redis.call('HGET', usage, 'spend_usd') or '0')
  if spent >= budget then
    local retry = 0
    if period > 0 then retry = (start + period) * 1000 - now_ms end
    return {'budget', retry, tostring(spent), 0}
  end
end
if tpm > 0 then
  -- Fields: one per second with that second's tokens, plus 'sum' (of the
  -- live ones) and 'oldest' (the oldest live second). Expired seconds are
  -- dropped at most once a second; otherwise this is one read.
  local sum, oldest = unpack(redis.call('HMGET', KEYS[2], 'sum', 'oldest'))
  sum, oldest = tonumber(sum or '0'), tonumber(oldest or now_s)
  local live = nil
  if oldest <= now_s - 60 or sum >= tpm then
    local fields = redis.call('HGETALL', KEYS[2])
    live, sum, oldest = {}, 0, nil
    for i = 1, #fields, 2 do
      local second = tonumber(fields[i])
      if second then
        if second <= now_s - 60 then
          redis.call('HDEL', KEYS[2], fields[i])
        else
          local tokens = tonumber(fields[i + 1])
          sum = sum + tokens
          live[#live + 1] = {second, tokens}
          if not oldest or second < oldest then oldest = second end
        end
      end
    end
    redis.call('HSET', KEYS[2], 'sum', sum)
    if oldest then
      redis.call('HSET', KEYS[2], 'oldest', oldest)
    else
      redis.call('HDEL', KEYS[2], 'oldest')
    end
  end
  if sum >= tpm then
    table.sort(live, function(a, b) return a[1] < b[1] end)
    local retry = 60000
    for _, bucket in ipairs(live) do
      sum = sum - bucket[2]
      if sum < tpm then
        retry = (bucket[1] + 60) * 1000 - now_ms
        break
      end
    end
    return {'tpm', retry, '', 0}
  end
end
local n = tonumber(ARGV[6])
local admitted, retry = n, 0
if rpm > 0 then
  -- Entries older than the window are dropped when they could matter (the
  -- log looks full) and on every 64th batch, which bounds the log.
  local count = redis.call('ZCARD', KEYS[1])
  if count + n > rpm or ARGV[7] == '1' then
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms - 60000)
    count = redis.call('ZCARD', KEYS[1])
  end
  local free = rpm - count
  if free < n then admitted = math.max(free, 0) end
  if admitted > 0 then
    local entries = {}
    for i = 1, admitted do
      entries[2 * i - 1] = now_ms
      entries[2 * i] = ARGV[5] .. ':' .. i
    end
    redis.call('ZADD', KEYS[1], unpack(entries))
    redis.call('PEXPIRE', KEYS[1], 60000)
  end
  if admitted < n then
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    retry = tonumber(oldest[2]) + 60000 - now_ms
  end
end
return {'ok', retry, '', admitted}
)lua";

// KEYS: token buckets, usage prefix. ARGV: prompt tokens, completion
// tokens, cost_usd, period_seconds, requests, 1 when the key has a tpm
// limit. Read-then-write of whole hashes: fewer calls than one increment
// per field, and a script runs alone.
constexpr char kRecord[] = R"lua(
local now_s = tonumber(redis.call('TIME')[1])
local prompt, completion = tonumber(ARGV[1]), tonumber(ARGV[2])
local tokens = prompt + completion
if ARGV[6] == '1' and tokens > 0 then
  local t = redis.call('HMGET', KEYS[1], now_s, 'sum', 'oldest')
  redis.call('HSET', KEYS[1], now_s, tonumber(t[1] or '0') + tokens,
             'sum', tonumber(t[2] or '0') + tokens, 'oldest', t[3] or now_s)
  redis.call('EXPIRE', KEYS[1], 120)
end
local period = tonumber(ARGV[4])
local start = period_start(now_s, period)
local usage = KEYS[2] .. start
local u = redis.call('HMGET', usage, 'requests', 'prompt_tokens',
                     'completion_tokens', 'spend_usd')
redis.call('HSET', usage,
           'requests', tonumber(u[1] or '0') + tonumber(ARGV[5]),
           'prompt_tokens', tonumber(u[2] or '0') + prompt,
           'completion_tokens', tonumber(u[3] or '0') + completion,
           'spend_usd', string.format('%.17g',
                                      tonumber(u[4] or '0') + tonumber(ARGV[3])))
if period > 0 then redis.call('EXPIREAT', usage, start + 2 * period) end
return 1
)lua";

// KEYS: usage prefix. ARGV: period_seconds.
// Returns {period start, requests, prompt, completion, spend}.
constexpr char kUsage[] = R"lua(
local now_s = tonumber(redis.call('TIME')[1])
local period = tonumber(ARGV[1])
local start = period_start(now_s, period)
local v = redis.call('HMGET', KEYS[1] .. start, 'requests', 'prompt_tokens',
                     'completion_tokens', 'spend_usd')
return {tostring(start), v[1] or '0', v[2] or '0', v[3] or '0', v[4] or '0'}
)lua";

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
      admit_(redis.AddScript(absl::StrCat(kPeriodStart, kAdmit))),
      record_(redis.AddScript(absl::StrCat(kPeriodStart, kRecord))),
      usage_(redis.AddScript(absl::StrCat(kPeriodStart, kUsage))),
      replica_(KeyHash(NewCallerKey()).substr(0, 16)),
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
  const uint64_t sequence = sequence_.fetch_add(1);
  redis_.Eval(
      admit_,
      {absl::StrCat(prefix, "requests"), absl::StrCat(prefix, "tokens"),
       absl::StrCat(prefix, "usage:")},
      {absl::StrCat(caller->rpm), absl::StrCat(caller->tpm),
       Usd(caller->budget_usd), Seconds(caller->budget_period),
       absl::StrCat(replica_, ":", sequence), absl::StrCat(n),
       sequence % 64 == 0 ? "1" : "0"},
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
