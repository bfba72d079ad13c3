#include "providers/builtin_providers.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "providers/anthropic/anthropic_provider.h"
#include "providers/builtin_provider_rows.h"
#include "providers/gemini/gemini_provider.h"
#include "providers/openai/openai_provider.h"

namespace literllm {
namespace provider_rows {
namespace {

std::string EnvName(absl::string_view provider, absl::string_view suffix) {
  return absl::StrCat(absl::AsciiStrToUpper(provider), "_", suffix);
}

}  // namespace

BuiltinProvider Compatible(absl::string_view name, absl::string_view base_url,
                           OpenAiDialect dialect) {
  BuiltinProvider kind;
  kind.name = std::string(name);
  kind.default_base_url = std::string(base_url);
  kind.key_env = EnvName(name, "API_KEY");
  kind.base_url_env = EnvName(name, "BASE_URL");
  kind.dialect = std::move(dialect);
  return kind;
}

BuiltinProvider Native(absl::string_view name, absl::string_view base_url,
                       std::unique_ptr<Provider> (*make)(ProviderConfig),
                       absl::string_view alternate_key_env) {
  BuiltinProvider kind = Compatible(name, base_url);
  kind.make_native = make;
  kind.alternate_key_env = std::string(alternate_key_env);
  return kind;
}

BuiltinProvider Local(absl::string_view name, absl::string_view base_url,
                      OpenAiDialect dialect) {
  BuiltinProvider kind = Compatible(name, base_url, std::move(dialect));
  kind.needs_key = false;
  return kind;
}

BuiltinProvider AlsoKeyFrom(BuiltinProvider kind, absl::string_view env) {
  kind.alternate_key_env = std::string(env);
  return kind;
}

OpenAiDialect MistralDialect() {
  return OpenAiDialect()
      .Drop({"user", "name"})
      .Rename("seed", "random_seed")
      .Rename("max_completion_tokens", "max_tokens")
      .RequiredToolChoice("any")
      .NoStreamOptions()
      .NineCharToolCallIds();
}

OpenAiDialect MaxTokensOnly() {
  return OpenAiDialect().Rename("max_completion_tokens", "max_tokens");
}

}  // namespace provider_rows

namespace {

using provider_rows::Compatible;
using provider_rows::Local;
using provider_rows::Native;

template <typename T>
std::unique_ptr<Provider> Make(ProviderConfig config) {
  return std::make_unique<T>(std::move(config));
}

BuiltinProvider Azure() {
  BuiltinProvider kind = Compatible(
      "azure", "", OpenAiDialect().AzureDeployments().DeveloperRole());
  kind.key_env = "AZURE_OPENAI_API_KEY";
  kind.base_url_env = "AZURE_OPENAI_ENDPOINT";
  kind.api_version_env = "AZURE_OPENAI_API_VERSION";
  kind.dialect.api_version = "2024-10-21";  // the current GA version
  return kind;
}

// The quirks are those in docs/providers.md, each with its reason there.
std::vector<BuiltinProvider> Table() {
  std::vector<BuiltinProvider> table = {
      Compatible("openai", "https://api.openai.com/v1",
                 OpenAiDialect().DeveloperRole()),
      Native("anthropic", "https://api.anthropic.com",
             &Make<AnthropicProvider>),
      Native("gemini", "https://generativelanguage.googleapis.com",
             &Make<GeminiProvider>, "GOOGLE_API_KEY"),
      Azure(),
      Compatible("groq", "https://api.groq.com/openai/v1",
                 OpenAiDialect().Drop({"name"}).SingleChoice()),
      Compatible("mistral", "https://api.mistral.ai/v1",
                 provider_rows::MistralDialect()),
      Compatible("deepseek", "https://api.deepseek.com",
                 OpenAiDialect().EchoReasoningContent()),
      Compatible("together", "https://api.together.xyz/v1"),
      Compatible("fireworks", "https://api.fireworks.ai/inference/v1"),
      Compatible("openrouter", "https://openrouter.ai/api/v1"),
      Compatible("xai", "https://api.x.ai/v1",
                 OpenAiDialect().Drop(
                     {"presence_penalty", "frequency_penalty", "stop"})),
      Compatible(
          "perplexity", "https://api.perplexity.ai",
          OpenAiDialect()
              .Drop({"n", "seed", "stop", "tool_choice", "parallel_tool_calls"})
              .SingleChoice()
              .NoTools()
              .NoStreamOptions()
              .NoDoneMarker()
              .NoModelListing()),
      Compatible("cerebras", "https://api.cerebras.ai/v1",
                 OpenAiDialect().Drop({"presence_penalty", "frequency_penalty",
                                       "parallel_tool_calls"})),
      Local("ollama", "http://localhost:11434/v1"),
      Local("vllm", ""),
  };
  for (BuiltinProvider& kind : provider_rows::LongTailProviders()) {
    table.push_back(std::move(kind));
  }
  return table;
}

}  // namespace

const std::vector<BuiltinProvider>& BuiltinProviders() {
  static const auto* const kProviders =
      new std::vector<BuiltinProvider>(Table());
  return *kProviders;
}

const BuiltinProvider* FindBuiltinProvider(absl::string_view name) {
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

std::string TrimBaseUrl(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

ProviderSetup SetupFromEnvironment(const BuiltinProvider& kind,
                                   const EnvLookup& env) {
  auto read = [&env](const std::string& name) -> std::string {
    if (name.empty()) return "";
    return env(name).value_or("");
  };
  ProviderSetup setup{&kind, {}, kind.dialect};
  setup.config.name = kind.name;
  setup.config.type = kind.name;
  setup.config.api_key = read(kind.key_env);
  if (setup.config.api_key.empty()) {
    setup.config.api_key = read(kind.alternate_key_env);
  }
  std::string base_url = read(kind.base_url_env);
  setup.from_environment = !setup.config.api_key.empty() || !base_url.empty();
  setup.config.base_url =
      TrimBaseUrl(base_url.empty() ? kind.default_base_url : base_url);
  if (std::string version = read(kind.api_version_env); !version.empty()) {
    setup.dialect.api_version = version;
  }
  return setup;
}

std::unique_ptr<Provider> MakeProvider(ProviderSetup setup) {
  if (!setup.kind->openai_compatible()) {
    return setup.kind->make_native(std::move(setup.config));
  }
  return std::make_unique<OpenAiProvider>(std::move(setup.config),
                                          std::move(setup.dialect));
}

}  // namespace literllm
