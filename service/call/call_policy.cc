#include "service/call/call_policy.h"

#include <utility>

namespace literllm {

void PolicyChain::Admit(CallContext& context,
                        const v1::ChatCompletionRequest& request,
                        CallPolicy::AdmitDone done) const {
  AdmitFrom(0, context, request, std::move(done));
}

void PolicyChain::AdmitFrom(size_t index, CallContext& context,
                            const v1::ChatCompletionRequest& request,
                            CallPolicy::AdmitDone done) const {
  if (index == policies_.size()) {
    std::move(done)(absl::OkStatus());
    return;
  }
  policies_[index]->Admit(
      context, request,
      [this, index, &context, &request,
       done = std::move(done)](absl::Status status) mutable {
        if (!status.ok()) {
          std::move(done)(std::move(status));
          return;
        }
        AdmitFrom(index + 1, context, request, std::move(done));
      });
}

void PolicyChain::Finished(const CallOutcome& outcome) const {
  for (const auto& policy : policies_) policy->Finished(outcome);
}

void PolicyChain::AdmitListing(CallContext& context,
                               CallPolicy::AdmitDone done) const {
  AdmitListingFrom(0, context, std::move(done));
}

void PolicyChain::AdmitListingFrom(size_t index, CallContext& context,
                                   CallPolicy::AdmitDone done) const {
  if (index == policies_.size()) {
    std::move(done)(absl::OkStatus());
    return;
  }
  policies_[index]->AdmitListing(
      context, [this, index, &context,
                done = std::move(done)](absl::Status status) mutable {
        if (!status.ok()) {
          std::move(done)(std::move(status));
          return;
        }
        AdmitListingFrom(index + 1, context, std::move(done));
      });
}

bool PolicyChain::Shows(const CallContext& context,
                        absl::string_view id) const {
  for (const auto& policy : policies_) {
    if (!policy->Shows(context, id)) return false;
  }
  return true;
}

}  // namespace literllm
