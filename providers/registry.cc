#include "providers/registry.h"

#include <cstdlib>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace literllm {
namespace {

// What to set so that the built-in provider `kind` is served.
std::string WhatToSet(const BuiltinProvider& kind) {
  std::vector<std::string> vars;
  if (kind.needs_key) vars.push_back(kind.key_env);
  if (kind.default_base_url.empty()) vars.push_back(kind.base_url_env);
  return absl::StrJoin(vars, " and ");
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
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    ProviderSetup setup = SetupFromEnvironment(kind, env);
    if (setup.config.base_url.empty()) continue;
    if (kind.needs_key && setup.config.api_key.empty()) continue;
    setup.config.listed = setup.from_environment;
    registry.Add(MakeProvider(std::move(setup)));
  }
  return registry;
}

void ProviderRegistry::Add(std::unique_ptr<Provider> provider) {
  const std::string& name = provider->config().name;
  auto [it, added] = by_name_.try_emplace(name, provider.get());
  if (!added) {
    auto old = absl::c_find_if(
        providers_, [&](const auto& p) { return p.get() == it->second; });
    providers_.erase(old);
    it->second = provider.get();
  }
  providers_.push_back(std::move(provider));
}

const ModelAlias* ProviderRegistry::FindAlias(absl::string_view name) const {
  auto it = alias_index_.find(name);
  return it == alias_index_.end() ? nullptr : &aliases_[it->second];
}

absl::Status ProviderRegistry::AddAlias(ModelAlias alias) {
  std::vector<std::string> checked = alias.targets;
  if (!alias.context_fallback.empty()) {
    checked.push_back(alias.context_fallback);
  }
  for (const std::string& target : checked) {
    absl::StatusOr<ResolvedModel> resolved = ResolveProviderModel(target);
    if (!resolved.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "alias '", alias.name, "': ", resolved.status().message()));
    }
  }
  alias_index_[alias.name] = aliases_.size();
  aliases_.push_back(std::move(alias));
  return absl::OkStatus();
}

absl::StatusOr<ResolvedModel> ProviderRegistry::Resolve(
    absl::string_view model) const {
  if (auto it = alias_index_.find(model); it != alias_index_.end()) {
    return ResolveProviderModel(aliases_[it->second].targets.front());
  }
  return ResolveProviderModel(model);
}

absl::StatusOr<std::vector<ResolvedModel>> ProviderRegistry::ResolveAll(
    absl::string_view model) const {
  std::vector<ResolvedModel> out;
  auto it = alias_index_.find(model);
  if (it == alias_index_.end()) {
    absl::StatusOr<ResolvedModel> resolved = ResolveProviderModel(model);
    if (!resolved.ok()) return resolved.status();
    out.push_back(*std::move(resolved));
    return out;
  }
  for (const std::string& target : aliases_[it->second].targets) {
    absl::StatusOr<ResolvedModel> resolved = ResolveProviderModel(target);
    if (!resolved.ok()) return resolved.status();
    out.push_back(*std::move(resolved));
  }
  return out;
}

absl::StatusOr<ResolvedModel> ProviderRegistry::ResolveProviderModel(
    absl::string_view model) const {
  size_t slash = model.find('/');
  if (slash == absl::string_view::npos || slash == 0 ||
      slash + 1 == model.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("model: '", model,
                     "' must be 'provider/model' (e.g. 'openai/gpt-4o') or a "
                     "configured alias"));
  }
  absl::string_view name = model.substr(0, slash);
  if (const Provider* provider = Find(name)) {
    return ResolvedModel{provider, std::string(model.substr(slash + 1))};
  }
  if (const BuiltinProvider* kind = FindBuiltinProvider(name)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "provider '", name, "' is not configured: set ", WhatToSet(*kind)));
  }
  std::vector<std::string> known;
  for (const BuiltinProvider& kind : BuiltinProviders()) {
    known.push_back(kind.name);
  }
  for (const auto& p : providers_) {
    if (!absl::c_linear_search(known, p->config().name)) {
      known.push_back(p->config().name);
    }
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
