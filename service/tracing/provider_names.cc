#include "service/tracing/provider_names.h"

#include <utility>

namespace literllm {

absl::string_view GenAiProviderName(absl::string_view kind) {
  // The well-known values of gen_ai.provider.name that differ from our
  // kind names or match them; see the GenAI semantic conventions' registry.
  static constexpr std::pair<absl::string_view, absl::string_view> kNames[] = {
      {"openai", "openai"},
      {"anthropic", "anthropic"},
      {"gemini", "gcp.gemini"},
      {"vertex", "gcp.vertex_ai"},
      {"azure", "azure.ai.openai"},
      {"bedrock", "aws.bedrock"},
      {"groq", "groq"},
      {"mistral", "mistral_ai"},
      {"codestral", "mistral_ai"},  // Mistral AI's code-model endpoint
      {"deepseek", "deepseek"},
      {"perplexity", "perplexity"},
      {"xai", "x_ai"},
      {"cohere", "cohere"},
  };
  for (const auto& [ours, theirs] : kNames) {
    if (kind == ours) return theirs;
  }
  return kind;
}

GenAiProviderNames::GenAiProviderNames(const ProviderRegistry& registry) {
  for (const Provider* provider : registry.providers()) {
    const ProviderConfig& config = provider->config();
    // A generic OpenAI-compatible server (no type) goes by its own name.
    absl::string_view kind = config.type.empty() ? config.name : config.type;
    names_[config.name] = std::string(GenAiProviderName(kind));
  }
}

absl::string_view GenAiProviderNames::Of(absl::string_view provider) const {
  auto it = names_.find(provider);
  return it != names_.end() ? absl::string_view(it->second)
                            : GenAiProviderName(provider);
}

}  // namespace literllm
