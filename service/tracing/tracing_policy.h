#ifndef LITERLLM_SERVICE_TRACING_TRACING_POLICY_H_
#define LITERLLM_SERVICE_TRACING_TRACING_POLICY_H_

#include <utility>

#include "service/call/call_policy.h"
#include "service/tracing/tracer.h"

namespace literllm {

// Traces every call through `tracer`: first in the chain, so its span
// covers the other policies' work, and its Finished step records rejected
// calls too. Admits every call at once.
class TracingPolicy final : public CallPolicy {
 public:
  explicit TracingPolicy(Tracer& tracer) : tracer_(tracer) {}

  void Admit(CallContext& context, const v1::ChatCompletionRequest& request,
             AdmitDone done) override {
    tracer_.Begin(context);
    std::move(done)(absl::OkStatus());
  }

  void Finished(const CallOutcome& outcome) override { tracer_.End(outcome); }

 private:
  Tracer& tracer_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_TRACING_POLICY_H_
