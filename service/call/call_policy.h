#ifndef LITERLLM_SERVICE_CALL_CALL_POLICY_H_
#define LITERLLM_SERVICE_CALL_CALL_POLICY_H_

#include <memory>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "service/call/call_context.h"
#include "service/call/call_outcome.h"

namespace literllm {

// A cross-cutting concern of every call (validation, keys, limits, budgets,
// cache, metrics, traces, logs), whatever its front. Policies are built once
// by the policy factory (service/policy/policy_factory.h), shared by every
// call and so thread-safe.
class CallPolicy {
 public:
  // Called exactly once with OK (the call goes on) or the status that
  // rejects it. May be called later, on any thread: a policy may wait for a
  // network round trip, but must never block the thread that admitted it.
  using AdmitDone = absl::AnyInvocable<void(absl::Status) &&>;

  virtual ~CallPolicy() = default;

  // Before any upstream request. `context` and `request` stay valid until
  // `done` is called; the policy may fill in `context` (e.g. caller_id).
  virtual void Admit(CallContext& context,
                     const v1::ChatCompletionRequest& request, AdmitDone done) {
    std::move(done)(absl::OkStatus());
  }

  // Once per admitted or rejected call, when it ends, on the thread that
  // ends it. Must not block.
  virtual void Finished(const CallOutcome& outcome) {}

  // Before a model listing (ListModels, GET /v1/models), like Admit.
  virtual void AdmitListing(CallContext& context, AdmitDone done) {
    std::move(done)(absl::OkStatus());
  }
  // Whether a listing admitted with `context` shows model `id`.
  virtual bool Shows(const CallContext& context, absl::string_view id) const {
    return true;
  }
};

// The policies of every call, in order. Admit runs them one after another,
// stopping at the first rejection; Finished tells every policy, including
// those after a rejection (observers see rejected calls too).
class PolicyChain {
 public:
  PolicyChain() = default;
  explicit PolicyChain(std::vector<std::unique_ptr<CallPolicy>> policies)
      : policies_(std::move(policies)) {}

  void Admit(CallContext& context, const v1::ChatCompletionRequest& request,
             CallPolicy::AdmitDone done) const;
  void Finished(const CallOutcome& outcome) const;
  void AdmitListing(CallContext& context, CallPolicy::AdmitDone done) const;
  // Whether every policy shows model `id` to `context`'s caller.
  bool Shows(const CallContext& context, absl::string_view id) const;

  size_t size() const { return policies_.size(); }

 private:
  std::vector<std::unique_ptr<CallPolicy>> policies_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_CALL_POLICY_H_
