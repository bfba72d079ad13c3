#include "service/call/caller.h"

#include "absl/strings/match.h"

namespace literllm {

bool Caller::MayUse(absl::string_view model) const {
  if (master || models.empty()) return true;
  for (absl::string_view allowed : models) {
    if (allowed == "*" || allowed == model) return true;
    // "openai/*": every model of one provider.
    if (absl::EndsWith(allowed, "/*") &&
        absl::StartsWith(model, allowed.substr(0, allowed.size() - 1))) {
      return true;
    }
  }
  return false;
}

}  // namespace literllm
