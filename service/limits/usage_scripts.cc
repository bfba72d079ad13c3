#include "service/limits/usage_scripts.h"

#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

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

}  // namespace

std::string AdmitScript() { return absl::StrCat(kPeriodStart, kAdmit); }
std::string RecordScript() { return absl::StrCat(kPeriodStart, kRecord); }
std::string UsageScript() { return absl::StrCat(kPeriodStart, kUsage); }

}  // namespace literllm
