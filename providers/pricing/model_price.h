#ifndef LITERLLM_PROVIDERS_PRICING_MODEL_PRICE_H_
#define LITERLLM_PROVIDERS_PRICING_MODEL_PRICE_H_

#include <optional>
#include <string>

#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// What one model costs, in USD per million tokens, as its provider publishes
// it for the standard (non-batch, non-priority) tier.
struct ModelPrice {
  std::string provider;  // a built-in provider name: "openai", "anthropic"
  std::string model;     // the family name the provider lists: "gpt-4o"
  double input = 0;
  double output = 0;
  // Cache reads (OpenAI's cached input, Anthropic's cache hits); unset when
  // the provider does not price them apart, so they cost `input`.
  std::optional<double> cached_input;
  // Cache writes (Anthropic's 5-minute cache write); unset means `input`.
  std::optional<double> cache_write;
  std::string as_of;   // YYYY-MM-DD the price was read
  std::string source;  // the public page it was read from
};

// The cost of `usage` at `price`. Usage follows OpenAI's semantics in every
// codec: prompt_tokens includes cache reads (cached_tokens) and cache writes
// (cache_creation_tokens); completion_tokens includes reasoning tokens, which
// are billed as output. Inconsistent counts are clamped (cache reads never
// exceed the prompt, writes never exceed what is left), so the result is
// never negative.
double CostUsd(const ModelPrice& price, const v1::Usage& usage);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_PRICING_MODEL_PRICE_H_
