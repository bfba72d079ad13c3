#include "service/call/usage_cost.h"

namespace literllm {

std::optional<double> EstimateCost(const PriceTable& prices,
                                   const ProviderConfig& provider,
                                   absl::string_view answered_model,
                                   absl::string_view requested_model,
                                   const v1::Usage& usage) {
  // The provider's own name, then its protocol's when that is another.
  absl::string_view names[] = {provider.name, provider.type};
  size_t count =
      provider.type.empty() || provider.type == provider.name ? 1 : 2;
  for (size_t i = 0; i < count; ++i) {
    for (absl::string_view model : {answered_model, requested_model}) {
      if (model.empty()) continue;
      if (const ModelPrice* price = prices.Find(names[i], model)) {
        return CostUsd(*price, usage);
      }
    }
  }
  return std::nullopt;
}

}  // namespace literllm
