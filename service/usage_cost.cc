#include "service/usage_cost.h"

namespace literllm {

std::optional<double> EstimateCost(const PriceTable& prices,
                                   const ProviderConfig& provider,
                                   absl::string_view answered_model,
                                   absl::string_view requested_model,
                                   const v1::Usage& usage) {
  for (absl::string_view name :
       {absl::string_view(provider.name), absl::string_view(provider.type)}) {
    if (name.empty()) continue;
    for (absl::string_view model : {answered_model, requested_model}) {
      if (model.empty()) continue;
      if (const ModelPrice* price = prices.Find(name, model)) {
        return CostUsd(*price, usage);
      }
    }
    if (name == provider.type) break;
  }
  return std::nullopt;
}

}  // namespace literllm
