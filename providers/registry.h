#ifndef LITERLLM_PROVIDERS_REGISTRY_H_
#define LITERLLM_PROVIDERS_REGISTRY_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/provider.h"

namespace literllm {

// Reads one environment variable; empty optional when unset.
using EnvLookup = std::function<std::optional<std::string>(absl::string_view)>;
EnvLookup ProcessEnvironment();

// A model string resolved to the provider that serves it.
struct ResolvedModel {
  const Provider* provider;
  std::string model;  // the part after "provider/", sent upstream unchanged
};

// The providers this server can reach, by name. Immutable once built, so it is
// shared by every call without locking.
class ProviderRegistry {
 public:
  // Every built-in provider whose key is in the environment
  // (`<NAME>_API_KEY`, base URL from `<NAME>_BASE_URL` or the default).
  static ProviderRegistry FromEnvironment(const EnvLookup& env);

  // Names of every built-in provider, configured or not.
  static std::vector<std::string> KnownProviders();

  void Add(std::unique_ptr<Provider> provider);

  // "openai/gpt-4o" → OpenAI, "gpt-4o". INVALID_ARGUMENT for a missing or
  // unknown prefix (naming the known providers), FAILED_PRECONDITION for a
  // known provider that has no key configured.
  absl::StatusOr<ResolvedModel> Resolve(absl::string_view model) const;

  const Provider* Find(absl::string_view name) const;
  std::vector<const Provider*> providers() const;
  // Every configured credential, for redaction.
  std::vector<std::string> secrets() const;

 private:
  std::vector<std::unique_ptr<Provider>> providers_;
  absl::flat_hash_map<std::string, const Provider*> by_name_;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_REGISTRY_H_
