#include "service/call/call_policy.h"

#include <utility>

namespace literllm {

namespace {

using Policies = std::vector<std::unique_ptr<CallPolicy>>;

// Asks `policies` from `index` on, one after another, with `ask(policy,
// next)`, stopping at the first rejection; `done` gets the answer.
template <typename Ask>
void AskFrom(const Policies& policies, size_t index, Ask ask,
             CallPolicy::AdmitDone done) {
  if (index == policies.size()) {
    std::move(done)(absl::OkStatus());
    return;
  }
  ask(*policies[index], [&policies, index, ask,
                         done = std::move(done)](absl::Status status) mutable {
    if (!status.ok()) {
      std::move(done)(std::move(status));
      return;
    }
    AskFrom(policies, index + 1, ask, std::move(done));
  });
}

}  // namespace

void PolicyChain::Admit(CallContext& context,
                        const v1::ChatCompletionRequest& request,
                        CallPolicy::AdmitDone done) const {
  AskFrom(
      policies_, 0,
      [&context, &request](CallPolicy& policy, CallPolicy::AdmitDone next) {
        policy.Admit(context, request, std::move(next));
      },
      std::move(done));
}

void PolicyChain::Finished(const CallOutcome& outcome) const {
  for (const auto& policy : policies_) policy->Finished(outcome);
}

void PolicyChain::AdmitListing(CallContext& context,
                               CallPolicy::AdmitDone done) const {
  AskFrom(
      policies_, 0,
      [&context](CallPolicy& policy, CallPolicy::AdmitDone next) {
        policy.AdmitListing(context, std::move(next));
      },
      std::move(done));
}

bool PolicyChain::Shows(const CallContext& context,
                        absl::string_view id) const {
  for (const auto& policy : policies_) {
    if (!policy->Shows(context, id)) return false;
  }
  return true;
}

}  // namespace literllm
