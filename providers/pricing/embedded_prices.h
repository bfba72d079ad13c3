#ifndef LITERLLM_PROVIDERS_PRICING_EMBEDDED_PRICES_H_
#define LITERLLM_PROVIDERS_PRICING_EMBEDDED_PRICES_H_

#include <vector>

#include "absl/types/span.h"
#include "providers/pricing/model_price.h"

namespace literllm {

// One row of the embedded table as compiled in: plain data, so the table
// costs no constructor at start-up. USD per million tokens.
struct EmbeddedPriceRow {
  const char* provider;
  const char* model;
  double input;
  double output;
  double cached_input;  // kSameAsInput when not priced apart
  double cache_write;   // kSameAsInput when not priced apart
  const char* as_of;    // YYYY-MM-DD
  const char* source;   // https URL of the provider's price page
};

inline constexpr double kSameAsInput = -1;

// The rows of the model labs (OpenAI, Anthropic, Google) and of the other
// providers, each in its own file to keep the data readable.
absl::Span<const EmbeddedPriceRow> LabPriceRows();
absl::Span<const EmbeddedPriceRow> HostPriceRows();

// Both, as ModelPrice rows.
std::vector<ModelPrice> EmbeddedPrices();

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_PRICING_EMBEDDED_PRICES_H_
