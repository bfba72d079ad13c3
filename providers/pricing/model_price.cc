#include "providers/pricing/model_price.h"

#include <algorithm>
#include <cstdint>

namespace literllm {

double CostUsd(const ModelPrice& price, const v1::Usage& usage) {
  const v1::PromptTokensDetails& details = usage.prompt_tokens_details();
  const int64_t prompt = std::max<int64_t>(usage.prompt_tokens(), 0);
  const int64_t reads = std::clamp<int64_t>(details.cached_tokens(), 0, prompt);
  const int64_t writes =
      std::clamp<int64_t>(details.cache_creation_tokens(), 0, prompt - reads);
  const int64_t fresh = prompt - reads - writes;
  const int64_t completion = std::max<int64_t>(usage.completion_tokens(), 0);
  const double micro_usd =
      static_cast<double>(fresh) * price.input +
      static_cast<double>(reads) * price.cached_input.value_or(price.input) +
      static_cast<double>(writes) * price.cache_write.value_or(price.input) +
      static_cast<double>(completion) * price.output;
  return micro_usd / 1e6;
}

}  // namespace literllm
