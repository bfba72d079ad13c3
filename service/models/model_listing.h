#ifndef LITERLLM_SERVICE_MODELS_MODEL_LISTING_H_
#define LITERLLM_SERVICE_MODELS_MODEL_LISTING_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/registry.h"
#include "service/call/call_context.h"
#include "service/call/call_policy.h"
#include "service/models/model_catalog.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// One model listing, whatever the front: the models of every listed provider
// (or only `provider`) from the catalog, each provider's configured models,
// then the configured aliases. Providers are asked in parallel; one that
// fails, or cannot be listed and has no configured models, is named in
// `errors` (its message redacted) and the listing still succeeds.
class ModelListing {
 public:
  // Called once: with the listing, INVALID_ARGUMENT for an unknown
  // `provider`, or CANCELLED. On the caller's thread when nothing needs
  // fetching, else on the transport's. Must not block.
  using Done = std::function<void(absl::StatusOr<v1::ListModelsResponse>)>;

  // Starts the listing once `policies` admitted it (e.g. checked the
  // caller's key; a rejection is the answer) and shows only the models the
  // policies show to `context`'s caller. The returned handle cancels it
  // (Cancel), and may be dropped at any time: the listing keeps itself
  // alive until it is done.
  static std::shared_ptr<ModelListing> Start(
      const PolicyChain& policies, CallContext context,
      const ProviderRegistry& providers, ModelCatalog& catalog,
      const SecretRedactor& redactor, std::optional<std::string> provider,
      Done done);

  virtual ~ModelListing() = default;
  // Ends the listing at once with CANCELLED unless it already ended.
  virtual void Cancel() = 0;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_MODELS_MODEL_LISTING_H_
