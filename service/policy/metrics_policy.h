#ifndef LITERLLM_SERVICE_POLICY_METRICS_POLICY_H_
#define LITERLLM_SERVICE_POLICY_METRICS_POLICY_H_

#include "service/call/call_policy.h"
#include "service/metrics/metrics_registry.h"

namespace literllm {

// The Prometheus metrics of every chat call (names and labels in
// docs/operations.md, "Metrics"). An observer placed first in the chain,
// so it sees every call, rejected or not: Admit counts the call in flight,
// Finished counts it out and records its outcome. Labels come from
// call_metric_labels.h. Recording is lock-free for series a thread has used
// before (MetricFamily); thread-safe, shared by every call.
class MetricsPolicy final : public CallPolicy {
 public:
  // Registers the call families in `registry`, which outlives the policy.
  explicit MetricsPolicy(MetricsRegistry& registry);

  void Admit(CallContext& context, const v1::ChatCompletionRequest& request,
             AdmitDone done) override;
  void Finished(const CallOutcome& outcome) override;

 private:
  void RecordUpstream(const CallOutcome& outcome);
  void RecordUsage(const CallOutcome& outcome, absl::string_view model,
                   absl::string_view provider, absl::string_view key);

  GaugeFamily& inflight_;
  CounterFamily& requests_;
  HistogramFamily& duration_;
  HistogramFamily& time_to_first_token_;
  HistogramFamily& overhead_;
  CounterFamily& attempts_;
  CounterFamily& tokens_;
  CounterFamily& cost_;
  CounterFamily& rejections_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_POLICY_METRICS_POLICY_H_
