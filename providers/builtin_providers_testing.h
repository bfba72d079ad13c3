#ifndef LITERLLM_PROVIDERS_BUILTIN_PROVIDERS_TESTING_H_
#define LITERLLM_PROVIDERS_BUILTIN_PROVIDERS_TESTING_H_

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "providers/builtin_providers.h"

namespace literllm {

// An environment holding exactly `vars`, for the providers' tests.
inline EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](
             absl::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_BUILTIN_PROVIDERS_TESTING_H_
