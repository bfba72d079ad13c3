#include "service/policy/metrics_policy.h"

#include <algorithm>
#include <utility>

#include "service/metrics/latency_buckets.h"
#include "service/policy/call_metric_labels.h"

namespace literllm {
namespace {

absl::string_view MethodName(const CallContext& context) {
  return context.stream ? "ChatStream" : "Chat";
}

}  // namespace

MetricsPolicy::MetricsPolicy(MetricsRegistry& registry)
    : inflight_(registry.AddGauge("literllm_inflight_requests",
                                  "Chat calls in progress.", {"front"})),
      requests_(registry.AddCounter(
          "literllm_requests_total",
          "Chat calls by how they ended (code: the gRPC status name).",
          {"front", "method", "model", "provider", "key", "code"})),
      duration_(registry.AddHistogram("literllm_request_duration_seconds",
                                      "Time from a call's start to its end.",
                                      {"front", "method", "model", "provider"},
                                      LlmLatencyBuckets())),
      time_to_first_token_(registry.AddHistogram(
          "literllm_time_to_first_token_seconds",
          "Time from a streamed call's start to its first chunk.",
          {"model", "provider"}, LlmLatencyBuckets())),
      overhead_(registry.AddHistogram(
          "literllm_gateway_overhead_seconds",
          "Time a call spent in the gateway rather than waiting upstream.", {},
          GatewayOverheadBuckets())),
      attempts_(registry.AddCounter(
          "literllm_upstream_attempts_total",
          "Upstream attempts by outcome: ok, or the failure kind.",
          {"provider", "outcome"})),
      tokens_(registry.AddCounter(
          "literllm_tokens_total",
          "Tokens the providers reported; cached_input and cache_creation "
          "are part of input, reasoning part of output.",
          {"model", "provider", "key", "type"})),
      cost_(registry.AddCounter("literllm_cost_usd_total",
                                "Estimated spend in USD at known prices.",
                                {"model", "provider", "key"})),
      rejections_(
          registry.AddCounter("literllm_policy_rejections_total",
                              "Calls the policies refused, by key and reason.",
                              {"key", "reason"})) {}

void MetricsPolicy::Admit(CallContext& context,
                          const v1::ChatCompletionRequest& request,
                          AdmitDone done) {
  inflight_.With({FrontName(context.front)}).Add(1);
  std::move(done)(absl::OkStatus());
}

void MetricsPolicy::Finished(const CallOutcome& outcome) {
  if (outcome.context == nullptr) return;  // not a call's outcome
  const CallContext& context = *outcome.context;
  const absl::string_view front = FrontName(context.front);
  const absl::string_view method = MethodName(context);
  const absl::string_view model = RoutedModel(outcome);
  const absl::string_view provider = RoutedProvider(outcome);
  const absl::string_view key = KeyName(outcome);
  inflight_.With({front}).Add(-1);
  requests_
      .With({front, method, model, provider, key,
             StatusCodeName(outcome.status.code())})
      .Add();
  duration_.With({front, method, model, provider})
      .Observe(absl::ToDoubleSeconds(outcome.latency));
  if (context.stream && outcome.time_to_first_token.has_value()) {
    time_to_first_token_.With({model, provider})
        .Observe(absl::ToDoubleSeconds(*outcome.time_to_first_token));
  }
  if (!outcome.admitted) {
    rejections_.With({key, RejectionReason(outcome.status)}).Add();
  }
  RecordUpstream(outcome);
  RecordUsage(outcome, model, provider, key);
}

void MetricsPolicy::RecordUpstream(const CallOutcome& outcome) {
  if (outcome.attempt_log.empty()) return;
  for (const AttemptRecord& attempt : outcome.attempt_log) {
    attempts_.With({attempt.provider, AttemptOutcome(attempt, outcome.status)})
        .Add();
  }
  overhead_.With({}).Observe(std::max(
      0.0, absl::ToDoubleSeconds(outcome.latency - outcome.upstream_time)));
}

void MetricsPolicy::RecordUsage(const CallOutcome& outcome,
                                absl::string_view model,
                                absl::string_view provider,
                                absl::string_view key) {
  if (outcome.cost_usd.has_value()) {
    cost_.With({model, provider, key}).Add(*outcome.cost_usd);
  }
  if (!outcome.usage.has_value()) return;
  const v1::Usage& usage = *outcome.usage;
  // Input and output always, so a call's usage shows even when it is 0;
  // the parts only when the provider reported some.
  const std::pair<absl::string_view, int64_t> counts[] = {
      {"input", usage.prompt_tokens()},
      {"output", usage.completion_tokens()},
      {"cached_input", usage.prompt_tokens_details().cached_tokens()},
      {"cache_creation", usage.prompt_tokens_details().cache_creation_tokens()},
      {"reasoning", usage.completion_tokens_details().reasoning_tokens()},
  };
  for (size_t i = 0; i < std::size(counts); ++i) {
    const auto& [type, count] = counts[i];
    if (i < 2 || count > 0) {
      tokens_.With({model, provider, key, type}).Add(count);
    }
  }
}

}  // namespace literllm
