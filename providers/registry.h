#ifndef LITERLLM_PROVIDERS_REGISTRY_H_
#define LITERLLM_PROVIDERS_REGISTRY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/builtin_providers.h"
#include "providers/provider.h"

namespace literllm {

// The process's environment variables.
EnvLookup ProcessEnvironment();

// A model string resolved to the provider that serves it.
struct ResolvedModel {
  const Provider* provider;
  std::string model;  // the part after "provider/", sent upstream unchanged
};

// A configured model alias: a name callers use instead of "provider/model".
struct ModelAlias {
  std::string name;
  // "provider/model": the first `deployments` serve the same model and are
  // balanced by `weights`; the rest are fallbacks, in order.
  std::vector<std::string> targets;
  size_t deployments = 1;
  std::vector<double> weights;
  bool balance_by_latency = false;  // else by weighted calls in flight
  std::string context_fallback;     // "" when none
};

// The providers this server can reach, by name, and the model aliases.
// Immutable once built, so it is shared by every call without locking.
class ProviderRegistry {
 public:
  // Every built-in provider configured by the environment: those whose key
  // is set (`<NAME>_API_KEY`, base URL from `<NAME>_BASE_URL` or the
  // default) and local servers, which need no key.
  static ProviderRegistry FromEnvironment(const EnvLookup& env);

  // Adds or replaces (by config().name) a provider.
  void Add(std::unique_ptr<Provider> provider);
  // OK, or INVALID_ARGUMENT naming a target whose provider is not here.
  absl::Status AddAlias(ModelAlias alias);

  // "openai/gpt-4o" → OpenAI, "gpt-4o"; an alias → its first target.
  // INVALID_ARGUMENT for a missing or unknown prefix (naming the known
  // providers), FAILED_PRECONDITION for a built-in provider that is not
  // configured (naming what to set).
  absl::StatusOr<ResolvedModel> Resolve(absl::string_view model) const;
  // The same, with every target of an alias, in order.
  absl::StatusOr<std::vector<ResolvedModel>> ResolveAll(
      absl::string_view model) const;
  // The alias named `name`, or null.
  const ModelAlias* FindAlias(absl::string_view name) const;

  const Provider* Find(absl::string_view name) const;
  std::vector<const Provider*> providers() const;
  const std::vector<ModelAlias>& aliases() const { return aliases_; }
  // Every configured credential, for redaction.
  std::vector<std::string> secrets() const;

 private:
  absl::StatusOr<ResolvedModel> ResolveProviderModel(
      absl::string_view model) const;

  std::vector<std::unique_ptr<Provider>> providers_;
  absl::flat_hash_map<std::string, const Provider*> by_name_;
  std::vector<ModelAlias> aliases_;
  absl::flat_hash_map<std::string, size_t> alias_index_;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_REGISTRY_H_
