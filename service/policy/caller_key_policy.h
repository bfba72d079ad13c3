#ifndef LITERLLM_SERVICE_POLICY_CALLER_KEY_POLICY_H_
#define LITERLLM_SERVICE_POLICY_CALLER_KEY_POLICY_H_

#include "service/call/call_policy.h"
#include "service/keys/key_directory.h"

namespace literllm {

// Who may call, and which models: with a master key configured, every call
// and listing presents a key (UNAUTHENTICATED without a valid one), and a
// call names only models on its key's allowlist, fallbacks included
// (PERMISSION_DENIED otherwise); listings show only those models. Sets the
// context's caller. Without a master key it lets everything through.
class CallerKeyPolicy final : public CallPolicy {
 public:
  explicit CallerKeyPolicy(KeyDirectory& directory) : directory_(directory) {}

  void Admit(CallContext& context, const v1::ChatCompletionRequest& request,
             AdmitDone done) override;
  void AdmitListing(CallContext& context, AdmitDone done) override;
  bool Shows(const CallContext& context, absl::string_view id) const override;

 private:
  // Resolves the presented key and sets the context's caller (nothing to do
  // while the gateway is open).
  void Identify(CallContext& context, AdmitDone done);

  KeyDirectory& directory_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_POLICY_CALLER_KEY_POLICY_H_
