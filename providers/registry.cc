#include "providers/registry.h"

#include <cstdlib>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "providers/anthropic/anthropic_provider.h"
#include "providers/gemini/gemini_provider.h"
#include "providers/openai/openai_provider.h"

namespace literllm {
namespace {

// One row per built-in provider. Adding a provider is one row here plus its
// codec directory.
struct BuiltinProvider {
  absl::string_view name;
  absl::string_view default_base_url;
  std::unique_ptr<Provider> (*make)(ProviderConfig config);
  // Read when <NAME>_API_KEY is unset (e.g. GOOGLE_API_KEY for gemini).
  absl::string_view alternate_key_env = {};
};

template <typename T>
std::unique_ptr<Provider> Make(ProviderConfig config) {
  return std::make_unique<T>(std::move(config));
}

constexpr BuiltinProvider kBuiltins[] = {
    {"openai", "https://api.openai.com/v1", &Make<OpenAiProvider>},
    {"anthropic", "https://api.anthropic.com", &Make<AnthropicProvider>},
    {"gemini", "https://generativelanguage.googleapis.com",
     &Make<GeminiProvider>, "GOOGLE_API_KEY"},
};

std::string EnvName(absl::string_view provider, absl::string_view suffix) {
  return absl::StrCat(absl::AsciiStrToUpper(provider), "_", suffix);
}

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](absl::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

ProviderRegistry ProviderRegistry::FromEnvironment(const EnvLookup& env) {
  ProviderRegistry registry;
  for (const BuiltinProvider& builtin : kBuiltins) {
    std::optional<std::string> key = env(EnvName(builtin.name, "API_KEY"));
    if ((!key.has_value() || key->empty()) &&
        !builtin.alternate_key_env.empty()) {
      key = env(builtin.alternate_key_env);
    }
    if (!key.has_value() || key->empty()) continue;
    std::string base_url = env(EnvName(builtin.name, "BASE_URL"))
                               .value_or(std::string(builtin.default_base_url));
    if (base_url.empty()) base_url = std::string(builtin.default_base_url);
    while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
    registry.Add(builtin.make(
        ProviderConfig{std::string(builtin.name), *std::move(key), base_url}));
  }
  return registry;
}

std::vector<std::string> ProviderRegistry::KnownProviders() {
  std::vector<std::string> names;
  for (const BuiltinProvider& builtin : kBuiltins) {
    names.emplace_back(builtin.name);
  }
  return names;
}

void ProviderRegistry::Add(std::unique_ptr<Provider> provider) {
  by_name_[provider->config().name] = provider.get();
  providers_.push_back(std::move(provider));
}

absl::StatusOr<ResolvedModel> ProviderRegistry::Resolve(
    absl::string_view model) const {
  size_t slash = model.find('/');
  if (slash == absl::string_view::npos || slash == 0 ||
      slash + 1 == model.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "model: '", model, "' must be 'provider/model', e.g. 'openai/gpt-4o'"));
  }
  absl::string_view name = model.substr(0, slash);
  if (const Provider* provider = Find(name)) {
    return ResolvedModel{provider, std::string(model.substr(slash + 1))};
  }
  std::vector<std::string> known = KnownProviders();
  for (const auto& p : providers_) {
    if (!absl::c_linear_search(known, p->config().name)) {
      known.push_back(p->config().name);
    }
  }
  if (absl::c_linear_search(known, name)) {
    return absl::FailedPreconditionError(
        absl::StrCat("provider '", name, "' is not configured: set ",
                     EnvName(name, "API_KEY")));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("model: unknown provider '", name, "' in '", model,
                   "'; known providers: ", absl::StrJoin(known, ", ")));
}

const Provider* ProviderRegistry::Find(absl::string_view name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : it->second;
}

std::vector<const Provider*> ProviderRegistry::providers() const {
  std::vector<const Provider*> out;
  for (const auto& p : providers_) out.push_back(p.get());
  return out;
}

std::vector<std::string> ProviderRegistry::secrets() const {
  std::vector<std::string> out;
  for (const auto& p : providers_) {
    if (!p->config().api_key.empty()) out.push_back(p->config().api_key);
  }
  return out;
}

}  // namespace literllm
