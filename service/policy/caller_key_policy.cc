#include "service/policy/caller_key_policy.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

// The first model of the request its caller may not use, if any.
const std::string* ForbiddenModel(const Caller& caller,
                                  const v1::ChatCompletionRequest& request) {
  if (!caller.MayUse(request.model())) return &request.model();
  for (const std::string& fallback : request.fallbacks()) {
    if (!caller.MayUse(fallback)) return &fallback;
  }
  return nullptr;
}

}  // namespace

void CallerKeyPolicy::Identify(CallContext& context, AdmitDone done) {
  if (directory_.open()) return std::move(done)(absl::OkStatus());
  directory_.Resolve(
      context.caller_key,
      [&context, done = std::move(done)](
          absl::StatusOr<std::shared_ptr<const Caller>> caller) mutable {
        if (!caller.ok()) return std::move(done)(caller.status());
        context.caller_id = (*caller)->name;
        context.caller = *std::move(caller);
        std::move(done)(absl::OkStatus());
      });
}

void CallerKeyPolicy::Admit(CallContext& context,
                            const v1::ChatCompletionRequest& request,
                            AdmitDone done) {
  Identify(context, [&context, &request,
                     done = std::move(done)](absl::Status status) mutable {
    if (!status.ok() || context.caller == nullptr) {
      return std::move(done)(std::move(status));
    }
    if (const std::string* model = ForbiddenModel(*context.caller, request)) {
      return std::move(done)(absl::PermissionDeniedError(
          absl::StrCat("API key '", context.caller->name,
                       "' may not use model '", *model, "'")));
    }
    std::move(done)(absl::OkStatus());
  });
}

void CallerKeyPolicy::AdmitListing(CallContext& context, AdmitDone done) {
  Identify(context, std::move(done));
}

bool CallerKeyPolicy::Shows(const CallContext& context,
                            absl::string_view id) const {
  return context.caller == nullptr || context.caller->MayUse(id);
}

}  // namespace literllm
