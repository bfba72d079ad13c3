#include "providers/pricing/price_table.h"

#include <utility>

#include "providers/pricing/embedded_prices.h"
#include "providers/pricing/model_name.h"

namespace literllm {
namespace {

// Enough for the longest chain seen: `models/` + `-preview-MM-DD`, or a date
// and then `-latest`.
constexpr int kMaxStrips = 3;

}  // namespace

PriceTable::PriceTable(std::vector<ModelPrice> rows) {
  for (ModelPrice& row : rows) {
    auto [it, inserted] =
        index_[row.provider].try_emplace(row.model, rows_.size());
    if (inserted) {
      rows_.push_back(std::move(row));
    } else {
      rows_[it->second] = std::move(row);  // a later row replaces the earlier
    }
  }
}

PriceTable PriceTable::Embedded() { return PriceTable(EmbeddedPrices()); }

PriceTable PriceTable::WithOverrides(std::vector<ModelPrice> rows) const {
  std::vector<ModelPrice> all = rows_;
  all.insert(all.end(), std::make_move_iterator(rows.begin()),
             std::make_move_iterator(rows.end()));
  return PriceTable(std::move(all));
}

const ModelPrice* PriceTable::Find(absl::string_view provider,
                                   absl::string_view model) const {
  if (const ModelPrice* price = FindInProvider(provider, model)) return price;
  if (provider == "azure") return FindInProvider("openai", model);
  return nullptr;
}

const ModelPrice* PriceTable::FindInProvider(absl::string_view provider,
                                             absl::string_view model) const {
  auto models = index_.find(provider);
  if (models == index_.end()) return nullptr;
  for (int strips = 0; strips <= kMaxStrips; ++strips) {
    auto row = models->second.find(model);
    if (row != models->second.end()) return &rows_[row->second];
    absl::string_view shorter = StripModelVersion(provider, model);
    if (shorter.size() == model.size()) return nullptr;
    model = shorter;
  }
  return nullptr;
}

std::optional<double> PriceTable::EstimateCostUsd(
    absl::string_view provider, absl::string_view model,
    const v1::Usage& usage) const {
  const ModelPrice* price = Find(provider, model);
  if (price == nullptr) return std::nullopt;
  return CostUsd(*price, usage);
}

}  // namespace literllm
