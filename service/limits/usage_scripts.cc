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

// Put before each script that needs it: a 60-second sliding window of
// counts (requests or tokens) kept as one hash field per second, plus 'sum'
// (of the live seconds) and 'oldest' (the oldest live second). Its size is
// bounded by 60 fields whatever the rate, and a look-up is one read: expired
// seconds are dropped only when they could matter, when the oldest has
// expired or `need` more would pass `limit`.
constexpr char kWindow[] = R"lua(
local function window_sum(key, now_s, need, limit)
  local sum, oldest = unpack(redis.call('HMGET', key, 'sum', 'oldest'))
  sum, oldest = tonumber(sum or '0'), tonumber(oldest or now_s)
  if oldest > now_s - 60 and sum + need <= limit then return sum, {} end
  local fields = redis.call('HGETALL', key)
  local live = {}
  sum, oldest = 0, nil
  for i = 1, #fields, 2 do
    local second = tonumber(fields[i])
    if second then
      if second <= now_s - 60 then
        redis.call('HDEL', key, fields[i])
      else
        local count = tonumber(fields[i + 1])
        sum = sum + count
        live[#live + 1] = {second, count}
        if not oldest or second < oldest then oldest = second end
      end
    end
  end
  redis.call('HSET', key, 'sum', sum)
  if oldest then
    redis.call('HSET', key, 'oldest', oldest)
  else
    redis.call('HDEL', key, 'oldest')
  end
  return sum, live
end
-- Milliseconds until enough of the `live` seconds expire for `sum` to fall
-- below `limit`.
local function window_retry_ms(live, sum, limit, now_ms)
  table.sort(live, function(a, b) return a[1] < b[1] end)
  for _, second in ipairs(live) do
    sum = sum - second[2]
    if sum < limit then return (second[1] + 60) * 1000 - now_ms end
  end
  return 60000
end
local function window_add(key, now_s, count)
  local t = redis.call('HMGET', key, now_s, 'sum', 'oldest')
  redis.call('HSET', key, now_s, tonumber(t[1] or '0') + count,
             'sum', tonumber(t[2] or '0') + count, 'oldest', t[3] or now_s)
  redis.call('EXPIRE', key, 120)
end
)lua";

// KEYS: request window, token window, usage prefix (the period start
// appended). ARGV: rpm, tpm, budget_usd, period_seconds (0: lifetime), n:
// the number of calls asking at once (admitted in order).
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
  local sum, live = window_sum(KEYS[2], now_s, 1, tpm)
  if sum >= tpm then
    return {'tpm', window_retry_ms(live, sum, tpm, now_ms), '', 0}
  end
end
local n = tonumber(ARGV[5])
local admitted, retry = n, 0
if rpm > 0 then
  local sum, live = window_sum(KEYS[1], now_s, n, rpm)
  admitted = math.min(n, math.max(rpm - sum, 0))
  if admitted > 0 then window_add(KEYS[1], now_s, admitted) end
  if admitted < n then
    live[#live + 1] = {now_s, admitted}
    retry = window_retry_ms(live, sum + admitted, rpm, now_ms)
  end
end
return {'ok', retry, '', admitted}
)lua";

// KEYS: token window, usage prefix. ARGV: prompt tokens, completion
// tokens, cost_usd, period_seconds, requests, 1 when the key has a tpm
// limit. Read-then-write of whole hashes: fewer calls than one increment
// per field, and a script runs alone.
constexpr char kRecord[] = R"lua(
local now_s = tonumber(redis.call('TIME')[1])
local prompt, completion = tonumber(ARGV[1]), tonumber(ARGV[2])
local tokens = prompt + completion
if ARGV[6] == '1' and tokens > 0 then window_add(KEYS[1], now_s, tokens) end
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

std::string AdmitScript() {
  return absl::StrCat(kPeriodStart, kWindow, kAdmit);
}
std::string RecordScript() {
  return absl::StrCat(kPeriodStart, kWindow, kRecord);
}
std::string UsageScript() { return absl::StrCat(kPeriodStart, kUsage); }

}  // namespace literllm
