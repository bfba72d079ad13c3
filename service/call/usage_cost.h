#ifndef LITERLLM_SERVICE_CALL_USAGE_COST_H_
#define LITERLLM_SERVICE_CALL_USAGE_COST_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/pricing/price_table.h"
#include "providers/provider.h"

namespace literllm {

// The estimated USD cost of `usage`: at the price of the model that
// answered (providers answer with dated names such as gpt-4o-2024-08-06),
// else of the model asked for; under the provider's own name first (config
// overrides for private models), then its protocol's (azure-eu → azure).
// Nullopt when no price is known: never a guess.
std::optional<double> EstimateCost(const PriceTable& prices,
                                   const ProviderConfig& provider,
                                   absl::string_view answered_model,
                                   absl::string_view requested_model,
                                   const v1::Usage& usage);

// Sets `estimated_cost_usd` on a response or a chunk that carries usage
// (`Proto` is ChatCompletionResponse or ChatCompletionChunk).
template <typename Proto>
void SetEstimatedCost(const PriceTable& prices, const ProviderConfig& provider,
                      absl::string_view requested_model, Proto& out) {
  if (!out.has_usage()) return;
  if (std::optional<double> cost = EstimateCost(prices, provider, out.model(),
                                                requested_model, out.usage())) {
    out.set_estimated_cost_usd(*cost);
  }
}

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_USAGE_COST_H_
