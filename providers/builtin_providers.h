#ifndef LITERLLM_PROVIDERS_BUILTIN_PROVIDERS_H_
#define LITERLLM_PROVIDERS_BUILTIN_PROVIDERS_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "providers/openai/openai_dialect.h"
#include "providers/provider.h"

namespace literllm {

// A provider this server knows by name: the model prefix, where it lives,
// which environment variables configure it and which codec speaks to it.
struct BuiltinProvider {
  std::string name;               // "groq": models are "groq/<model>"
  std::string default_base_url;   // "" when it must be configured
  std::string key_env;            // "GROQ_API_KEY"
  std::string base_url_env;       // "GROQ_BASE_URL"
  std::string alternate_key_env;  // read when key_env is unset
  std::string api_version_env;    // Azure only
  bool needs_key = true;          // false for local servers
  // A native codec; null for OpenAI-compatible providers, which are the
  // OpenAI codec speaking `dialect`.
  std::unique_ptr<Provider> (*make_native)(ProviderConfig) = nullptr;
  OpenAiDialect dialect;

  bool openai_compatible() const { return make_native == nullptr; }
};

// Reads one environment variable; empty optional when unset.
using EnvLookup = std::function<std::optional<std::string>(absl::string_view)>;

// Everything that configures one provider, before it is built.
struct ProviderSetup {
  const BuiltinProvider* kind;
  ProviderConfig config;
  OpenAiDialect dialect;  // for OpenAI-compatible kinds
  // Whether the environment named this provider at all (a key or a base
  // URL): local servers are reachable by default but listed only then.
  bool from_environment = false;
};

// `kind`'s settings from the environment: key (empty when unset), base URL
// (the default when unset; trailing '/' removed), Azure's API version.
ProviderSetup SetupFromEnvironment(const BuiltinProvider& kind,
                                   const EnvLookup& env);

// Every built-in provider, in a stable order (the table in
// builtin_providers.cc: adding an OpenAI-compatible provider is one entry).
const std::vector<BuiltinProvider>& BuiltinProviders();

// The built-in provider named `name`, or null.
const BuiltinProvider* FindBuiltinProvider(absl::string_view name);

// Builds the codec `setup` describes.
std::unique_ptr<Provider> MakeProvider(ProviderSetup setup);

// Removes trailing '/' so paths can be appended.
std::string TrimBaseUrl(std::string url);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_BUILTIN_PROVIDERS_H_
