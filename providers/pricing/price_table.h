#ifndef LITERLLM_PROVIDERS_PRICING_PRICE_TABLE_H_
#define LITERLLM_PROVIDERS_PRICING_PRICE_TABLE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/pricing/model_price.h"

namespace literllm {

// Prices by provider and model: the table compiled into the binary, plus the
// rows the config file adds or replaces. Immutable once built, so one table
// may be read from any number of threads; Find allocates nothing.
class PriceTable {
 public:
  PriceTable() = default;  // no prices at all

  // The embedded table (embedded_prices.cc); no file or network is read.
  static PriceTable Embedded();

  // This table with `rows` added; a row with the same provider and model as
  // an existing one replaces it (in place, so rows() keeps its order).
  PriceTable WithOverrides(std::vector<ModelPrice> rows) const;

  // The price of `model` as `provider` names it, or nullptr. An exact name
  // wins; otherwise version markers are stripped one at a time
  // (StripModelVersion) and the name is looked up exactly again, so
  // `gpt-4o-mini-2024-07-18` is gpt-4o-mini and an unknown model has no
  // price. `azure` uses its own rows (overrides) and then openai's, as Azure
  // answers with the underlying OpenAI model name.
  const ModelPrice* Find(absl::string_view provider,
                         absl::string_view model) const;

  // CostUsd at the price Find returns; nullopt when the price is unknown.
  std::optional<double> EstimateCostUsd(absl::string_view provider,
                                        absl::string_view model,
                                        const v1::Usage& usage) const;

  const std::vector<ModelPrice>& rows() const { return rows_; }

 private:
  explicit PriceTable(std::vector<ModelPrice> rows);

  const ModelPrice* FindInProvider(absl::string_view provider,
                                   absl::string_view model) const;

  std::vector<ModelPrice> rows_;
  // provider → model → index into rows_.
  absl::flat_hash_map<std::string, absl::flat_hash_map<std::string, size_t>>
      index_;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_PRICING_PRICE_TABLE_H_
