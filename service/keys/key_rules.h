#ifndef LITERLLM_SERVICE_KEYS_KEY_RULES_H_
#define LITERLLM_SERVICE_KEYS_KEY_RULES_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "literllm/v1/admin_service.pb.h"
#include "service/call/caller.h"

namespace literllm {

// 1-64 letters, digits, '-', '_' or '.'.
absl::Status CheckKeyName(absl::string_view name);

// "" → zero (a lifetime budget); "<n>m", "<n>h", "<n>d" → that duration.
absl::StatusOr<absl::Duration> ParseBudgetPeriod(absl::string_view text);

// The caller a key policy describes, or INVALID_ARGUMENT naming the field
// at fault: a bad name, a negative limit, a budget that is not a finite
// number, an unknown period, an empty or blank model pattern.
absl::StatusOr<Caller> CallerFromPolicy(const v1::KeyPolicy& policy);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_KEYS_KEY_RULES_H_
