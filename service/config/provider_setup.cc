#include "service/config/provider_setup.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace literllm {
namespace {

// The protocol of a provider the file names but the server does not know:
// OpenAI's, with no quirks and an optional key.
const BuiltinProvider& GenericOpenAiCompatible() {
  static const auto* const kKind = [] {
    auto* kind = new BuiltinProvider;
    kind->needs_key = false;
    return kind;
  }();
  return *kKind;
}

absl::Status SettingError(const ProviderSettings& settings,
                          absl::string_view setting,
                          absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat(Where(settings.location), "providers.", settings.name,
                   setting.empty() ? "" : ".", setting, ": ", problem));
}

absl::StatusOr<const BuiltinProvider*> KindOf(
    const ProviderSettings& settings) {
  if (!settings.type.has_value()) {
    const BuiltinProvider* builtin = FindBuiltinProvider(settings.name);
    return builtin != nullptr ? builtin : &GenericOpenAiCompatible();
  }
  if (const BuiltinProvider* kind = FindBuiltinProvider(*settings.type)) {
    return kind;
  }
  std::vector<std::string> names;
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    names.push_back(kind.name);
  }
  return SettingError(settings, "type",
                      absl::StrCat("unknown type '", *settings.type,
                                   "'; known: ", absl::StrJoin(names, ", ")));
}

// The provider's settings before the file's: the environment's for a
// built-in name, nothing for a new one (a new provider never borrows
// another's key).
ProviderSetup StartingPoint(const ProviderSettings& settings,
                            const BuiltinProvider& kind, const EnvLookup& env) {
  if (kind.name == settings.name) return SetupFromEnvironment(kind, env);
  ProviderSetup setup{&kind, {}, kind.dialect};
  setup.config.name = settings.name;
  setup.config.type = kind.name;
  return setup;
}

absl::Status ApplyKey(const ProviderSettings& settings, const EnvLookup& env,
                      ProviderSetup& setup) {
  if (settings.api_key_env.has_value()) {
    setup.config.api_key = env(*settings.api_key_env).value_or("");
    if (setup.config.api_key.empty()) {
      return SettingError(settings, "api_key_env",
                          absl::StrCat("environment variable ",
                                       *settings.api_key_env, " is not set"));
    }
  }
  if (setup.kind->needs_key && setup.config.api_key.empty()) {
    return SettingError(
        settings, "",
        absl::StrCat("no key: set ",
                     setup.kind->name == settings.name
                         ? setup.kind->key_env
                         : std::string("api_key_env"),
                     " to the environment variable that holds it"));
  }
  return absl::OkStatus();
}

absl::Status ApplyDialect(const ProviderSettings& settings,
                          ProviderSetup& setup) {
  if (!settings.drop_params.empty() && !setup.kind->openai_compatible()) {
    return SettingError(settings, "drop_params",
                        "only OpenAI-compatible providers take drop_params");
  }
  for (const std::string& param : settings.drop_params) {
    if (absl::Status known = OpenAiDialect::CheckParam(param); !known.ok()) {
      return SettingError(settings, "drop_params", known.message());
    }
    setup.dialect.dropped.push_back(param);
  }
  if (settings.api_version.has_value()) {
    if (setup.dialect.endpoint != OpenAiDialect::Endpoint::kAzureDeployment) {
      return SettingError(settings, "api_version",
                          "only Azure deployments take an api_version");
    }
    setup.dialect.api_version = *settings.api_version;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Provider>> BuildProvider(
    const ProviderSettings& settings, const EnvLookup& env) {
  absl::StatusOr<const BuiltinProvider*> kind = KindOf(settings);
  if (!kind.ok()) return kind.status();
  ProviderSetup setup = StartingPoint(settings, **kind, env);
  if (settings.base_url.has_value()) {
    setup.config.base_url = TrimBaseUrl(*settings.base_url);
  }
  if (setup.config.base_url.empty()) {
    return SettingError(settings, "base_url", "required for this provider");
  }
  if (absl::Status key = ApplyKey(settings, env, setup); !key.ok()) return key;
  if (absl::Status dialect = ApplyDialect(settings, setup); !dialect.ok()) {
    return dialect;
  }
  setup.config.headers = settings.headers;
  setup.config.models = settings.models;
  setup.config.listed = true;
  return MakeProvider(std::move(setup));
}

}  // namespace

absl::StatusOr<ProviderRegistry> BuildProviders(const GatewayConfig& config,
                                                const EnvLookup& env) {
  ProviderRegistry registry = ProviderRegistry::FromEnvironment(env);
  for (const ProviderSettings& settings : config.providers) {
    absl::StatusOr<std::unique_ptr<Provider>> provider =
        BuildProvider(settings, env);
    if (!provider.ok()) return provider.status();
    registry.Add(*std::move(provider));
  }
  for (const AliasSettings& alias : config.aliases) {
    absl::Status added = registry.AddAlias(
        {alias.name, alias.targets, alias.deployments, alias.weights,
         alias.balance == "latency", alias.context_fallback.value_or("")});
    if (!added.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(Where(alias.location),
                                                     "aliases.", alias.name,
                                                     ": ", added.message()));
    }
  }
  return registry;
}

PriceTable BuildPrices(const GatewayConfig& config) {
  std::vector<ModelPrice> rows;
  for (const PriceSettings& price : config.prices) {
    size_t slash = price.model.find('/');  // the config checked there is one
    ModelPrice& row = rows.emplace_back();
    row.provider = price.model.substr(0, slash);
    row.model = price.model.substr(slash + 1);
    row.input = price.input;
    row.output = price.output;
    row.cached_input = price.cached_input;
    row.cache_write = price.cache_write;
    row.as_of = "config";
    row.source = absl::StrCat(price.location.file, ":", price.location.line);
  }
  return PriceTable::Embedded().WithOverrides(std::move(rows));
}

}  // namespace literllm
