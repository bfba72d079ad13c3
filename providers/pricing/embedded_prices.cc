#include "providers/pricing/embedded_prices.h"

#include <optional>

namespace literllm {
namespace {

std::optional<double> Optional(double price) {
  if (price == kSameAsInput) return std::nullopt;
  return price;
}

void Append(absl::Span<const EmbeddedPriceRow> rows,
            std::vector<ModelPrice>& out) {
  for (const EmbeddedPriceRow& row : rows) {
    out.push_back(ModelPrice{row.provider, row.model, row.input, row.output,
                             Optional(row.cached_input),
                             Optional(row.cache_write), row.as_of, row.source});
  }
}

}  // namespace

std::vector<ModelPrice> EmbeddedPrices() {
  std::vector<ModelPrice> prices;
  prices.reserve(LabPriceRows().size() + HostPriceRows().size());
  Append(LabPriceRows(), prices);
  Append(HostPriceRows(), prices);
  return prices;
}

}  // namespace literllm
