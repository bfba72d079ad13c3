#ifndef LITERLLM_SERVICE_CALL_ATTEMPT_BUDGET_H_
#define LITERLLM_SERVICE_CALL_ATTEMPT_BUDGET_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "literllm/v1/llm_service.pb.h"
#include "service/call/call_context.h"
#include "service/config/config.h"

namespace literllm {

// How hard one call may try: retries per model and the timeout of each
// attempt (zero: none but the call's deadline).
struct AttemptBudget {
  int max_retries;
  absl::Duration attempt_timeout;
};

// The server's retry settings, overridden per call by the request fields or
// the `literllm-max-retries` / `literllm-attempt-timeout` metadata, within
// the configured bounds; INVALID_ARGUMENT naming the setting otherwise.
absl::StatusOr<AttemptBudget> ReadAttemptBudget(
    const RetrySettings& settings, const CallContext& context,
    const v1::ChatCompletionRequest& request);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_ATTEMPT_BUDGET_H_
