#ifndef LITERLLM_SERVICE_CALL_CALL_OUTCOME_H_
#define LITERLLM_SERVICE_CALL_CALL_OUTCOME_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "literllm/v1/llm_service.pb.h"
#include "service/call/call_context.h"

namespace literllm {

// How one call ended, as every policy's Finished step sees it: once per
// call, unary or stream, whichever front it came from.
struct CallOutcome {
  // Front, caller, stream: valid during Finished only, like the outcome.
  const CallContext* context = nullptr;
  std::string model;  // as the caller asked
  // The target that answered, or was tried last; empty when none was.
  std::string provider;
  std::string deployment;  // "provider/model"
  absl::Status status;     // what the caller was told
  bool admitted = false;   // the policy chain let the call through
  int attempts = 0;        // upstream attempts started, over all targets
  absl::Duration latency;  // from the call's start to its finish
  // From the start to the first chunk (streams) or the answer (unary).
  std::optional<absl::Duration> time_to_first_token;
  std::optional<v1::Usage> usage;  // the provider's token counts
  std::optional<double> cost_usd;  // at the answering model's price
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_CALL_OUTCOME_H_
