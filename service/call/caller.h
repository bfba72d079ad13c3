#ifndef LITERLLM_SERVICE_CALL_CALLER_H_
#define LITERLLM_SERVICE_CALL_CALLER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace literllm {

// Who is calling, once a caller key was checked, and what the key allows.
// Shared (immutable) by the calls made with the same key.
struct Caller {
  std::string name;     // the key's name; never the key itself
  bool master = false;  // the master key: every model, no limits
  // Models the key may use: exact names (aliases too), "provider/*", "*";
  // empty: every model.
  std::vector<std::string> models;
  int64_t rpm = 0;        // requests per minute; 0: unlimited
  int64_t tpm = 0;        // prompt + completion tokens per minute; 0: unlimited
  double budget_usd = 0;  // spend per budget period; 0: unlimited
  // Length of a budget period; zero: the budget is for the key's lifetime.
  absl::Duration budget_period = absl::ZeroDuration();
  std::optional<absl::Time> expires_at;

  // Whether `model` (as the caller wrote it) is on the allowlist.
  bool MayUse(absl::string_view model) const;
  // Whether a request, token or spend limit applies.
  bool limited() const { return rpm > 0 || tpm > 0 || budget_usd > 0; }
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_CALLER_H_
