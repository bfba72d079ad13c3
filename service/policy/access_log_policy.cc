#include "service/policy/access_log_policy.h"

#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "service/policy/call_metric_labels.h"
#include "service/telemetry/access_log_line.h"

namespace literllm {
namespace {

std::optional<double> Milliseconds(std::optional<absl::Duration> d) {
  if (!d.has_value()) return std::nullopt;
  return absl::ToDoubleMilliseconds(*d);
}

}  // namespace

std::string AccessLogLineOf(const CallOutcome& outcome, absl::Time end) {
  const CallContext* context = outcome.context;
  std::optional<int64_t> prompt_tokens, completion_tokens;
  if (outcome.usage.has_value()) {
    prompt_tokens = outcome.usage->prompt_tokens();
    completion_tokens = outcome.usage->completion_tokens();
  }
  AccessLogLine line;
  // level and msg: the shape of the server's other lines on stdout.
  line.String("level", "info")
      .String("msg", "access")
      .String("time", absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", end,
                                       absl::UTCTimeZone()))
      .StringOrNull("trace_id",
                    context != nullptr ? context->trace.trace_id : "");
  if (context != nullptr) {
    line.String("front", FrontName(context->front))
        .String("method", context->stream ? "ChatStream" : "Chat");
  } else {
    line.Null("front").Null("method");
  }
  return line.String("key", KeyName(outcome))
      .String("model", outcome.model, kAccessLogMaxModelBytes)
      .StringOrNull("provider", outcome.provider)
      .StringOrNull("deployment", outcome.deployment)
      .String("status", StatusCodeName(outcome.status.code()))
      .Fixed("latency_ms", Milliseconds(outcome.latency), 3)
      .Fixed("ttft_ms", Milliseconds(outcome.time_to_first_token), 3)
      .Int("attempts", outcome.attempts)
      .OptionalInt("prompt_tokens", prompt_tokens)
      .OptionalInt("completion_tokens", completion_tokens)
      .Number("cost_usd", outcome.cost_usd)
      .Finish();
}

void AccessLogPolicy::Finished(const CallOutcome& outcome) {
  log_.Write(AccessLogLineOf(outcome, absl::Now()));
}

}  // namespace literllm
