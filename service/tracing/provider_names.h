#ifndef LITERLLM_SERVICE_TRACING_PROVIDER_NAMES_H_
#define LITERLLM_SERVICE_TRACING_PROVIDER_NAMES_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "providers/registry.h"

namespace literllm {

// The semantic conventions' gen_ai.provider.name of a built-in provider kind
// ("gemini" → "gcp.gemini", "azure" → "azure.ai.openai", "xai" → "x_ai");
// the kind itself where the conventions list none ("ollama", "together").
absl::string_view GenAiProviderName(absl::string_view kind);

// gen_ai.provider.name by our provider name, for every provider of
// `registry`: a configured provider named "azure-eu" of type azure is
// "azure.ai.openai". Built once at start; read-only afterwards.
class GenAiProviderNames {
 public:
  GenAiProviderNames() = default;
  explicit GenAiProviderNames(const ProviderRegistry& registry);

  // The name for `provider` (a registry name); unknown ones map by kind.
  absl::string_view Of(absl::string_view provider) const;

 private:
  absl::flat_hash_map<std::string, std::string> names_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_PROVIDER_NAMES_H_
