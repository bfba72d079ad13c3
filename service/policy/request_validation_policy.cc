#include "service/policy/request_validation_policy.h"

#include <utility>

#include "service/policy/request_validator.h"

namespace literllm {

void RequestValidationPolicy::Admit(CallContext& context,
                                    const v1::ChatCompletionRequest& request,
                                    AdmitDone done) {
  std::move(done)(ValidateChatRequest(request));
}

}  // namespace literllm
