#ifndef LITERLLM_SERVICE_POLICY_REQUEST_VALIDATION_POLICY_H_
#define LITERLLM_SERVICE_POLICY_REQUEST_VALIDATION_POLICY_H_

#include "service/call/call_policy.h"

namespace literllm {

// Rejects a malformed request (INVALID_ARGUMENT naming the field) before
// anything else looks at it: first in every chain.
class RequestValidationPolicy final : public CallPolicy {
 public:
  void Admit(CallContext& context, const v1::ChatCompletionRequest& request,
             AdmitDone done) override;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_POLICY_REQUEST_VALIDATION_POLICY_H_
