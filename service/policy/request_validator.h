#ifndef LITERLLM_SERVICE_POLICY_REQUEST_VALIDATOR_H_
#define LITERLLM_SERVICE_POLICY_REQUEST_VALIDATOR_H_

#include "absl/status/status.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// Checks a request before any upstream call. Returns INVALID_ARGUMENT naming
// the offending field (e.g. "messages[2].role: unknown role 'bot'").
// Model resolution (provider prefix) is the router's job, not this one's.
absl::Status ValidateChatRequest(const v1::ChatCompletionRequest& request);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_POLICY_REQUEST_VALIDATOR_H_
