#ifndef LITERLLM_SERVICE_POLICY_USAGE_LIMITS_POLICY_H_
#define LITERLLM_SERVICE_POLICY_USAGE_LIMITS_POLICY_H_

#include "service/call/call_policy.h"
#include "service/config/config.h"
#include "service/limits/usage_ledger.h"

namespace literllm {

// Requests and tokens per minute and spend per budget period of each caller
// key, counted in Redis across replicas (UsageLedger): a call over a limit
// gets RESOURCE_EXHAUSTED naming it, typed as a rate limit (rpm, tpm) or a
// spent quota (budget), with the seconds until it would pass as
// Retry-After. Every admitted call's tokens and cost are added when it
// ends. When Redis cannot answer, `on_failure` decides for keys with
// limits: deny (UNAVAILABLE naming Redis) or allow (admit and count here
// until Redis is back); keys without limits are always admitted. The
// master key is never limited.
class UsageLimitsPolicy final : public CallPolicy {
 public:
  UsageLimitsPolicy(UsageLedger& ledger, RedisSettings::OnFailure on_failure)
      : ledger_(ledger), on_failure_(on_failure) {}

  void Admit(CallContext& context, const v1::ChatCompletionRequest& request,
             AdmitDone done) override;
  void Finished(const CallOutcome& outcome) override;

 private:
  UsageLedger& ledger_;
  const RedisSettings::OnFailure on_failure_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_POLICY_USAGE_LIMITS_POLICY_H_
