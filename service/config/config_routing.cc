#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/config/config_sections.h"

// The sections that decide how calls are routed: aliases (chains and
// balanced deployments), retries and the circuit breaker.
namespace literllm {
namespace config_internal {

// `model: provider/model` with an optional `weight`, or just the string.
absl::Status ReadDeployment(const ConfigEntry& item, AliasSettings& alias) {
  double& weight = alias.weights.emplace_back(1.0);
  if (item.value.IsScalar()) {
    return ReadModelRef(item, alias.targets.emplace_back());
  }
  bool has_model = false;
  absl::Status status =
      ForEachEntry(item, [&](const ConfigEntry& field) -> absl::Status {
        const std::string& key = field.key.Scalar();
        if (key == "model") {
          has_model = true;
          return ReadModelRef(field, alias.targets.emplace_back());
        }
        if (key == "weight") {
          absl::Status read = ReadNumber(field, "a number", weight);
          if (read.ok() && weight <= 0) {
            return ValueError(field, "must be greater than 0");
          }
          return read;
        }
        return UnknownKey(field, {"model", "weight"});
      });
  if (status.ok() && !has_model) return ValueError(item, "model is required");
  return status;
}

// The map form of an alias: deployments, fallbacks, context_fallback,
// balance.
absl::Status ReadDeployments(const ConfigEntry& entry, AliasSettings& alias) {
  std::vector<std::string> fallbacks;
  absl::Status status =
      ForEachEntry(entry, [&](const ConfigEntry& field) -> absl::Status {
        const std::string& key = field.key.Scalar();
        if (key == "deployments") {
          return ForEachItem(field, "a list of deployments",
                             [&](const ConfigEntry& item) {
                               return ReadDeployment(item, alias);
                             });
        }
        if (key == "fallbacks") {
          return ForEachItem(field, "a list of provider/model strings",
                             [&](const ConfigEntry& item) {
                               return ReadModelRef(item,
                                                   fallbacks.emplace_back());
                             });
        }
        if (key == "context_fallback") {
          return ReadModelRef(field, alias.context_fallback.emplace());
        }
        if (key == "balance") {
          absl::Status read = ReadString(field, alias.balance);
          if (read.ok() && alias.balance != "least_in_flight" &&
              alias.balance != "latency") {
            return ValueError(field, "expected least_in_flight or latency");
          }
          return read;
        }
        return UnknownKey(
            field, {"deployments", "fallbacks", "context_fallback", "balance"});
      });
  if (!status.ok()) return status;
  if (alias.targets.empty()) {
    return ValueError(entry, "deployments must list at least one model");
  }
  alias.deployments = alias.targets.size();
  for (std::string& fallback : fallbacks) {
    alias.targets.push_back(std::move(fallback));
  }
  return absl::OkStatus();
}

absl::Status ReadBreaker(const ConfigEntry& section, BreakerSettings& breaker) {
  return ForEachEntry(section, [&](const ConfigEntry& field) -> absl::Status {
    const std::string& key = field.key.Scalar();
    if (key == "failures") return ReadCount(field, 100, breaker.failures);
    if (key == "cooldown") return ReadDuration(field, breaker.cooldown);
    return UnknownKey(field, {"failures", "cooldown"});
  });
}

absl::Status ReadAliases(const ConfigEntry& section,
                         std::vector<AliasSettings>& aliases) {
  return ForEachEntry(section, [&](const ConfigEntry& entry) -> absl::Status {
    AliasSettings alias;
    alias.name = entry.key.Scalar();
    alias.location = LocationAt(*entry.file, entry.key.Mark());
    if (alias.name.empty() || absl::StrContains(alias.name, '/')) {
      return KeyError(entry,
                      "alias names are not empty and have no '/' (that is how "
                      "provider/model strings are told apart)");
    }
    absl::Status status;
    if (entry.value.IsScalar()) {
      status = ReadModelRef(entry, alias.targets.emplace_back());
    } else if (entry.value.IsMap()) {
      status = ReadDeployments(entry, alias);
    } else if (entry.value.IsSequence() && entry.value.size() == 0) {
      return ValueError(entry, "must list at least one provider/model");
    } else {
      status =
          ForEachItem(entry, "a provider/model string or a list of them",
                      [&](const ConfigEntry& item) {
                        return ReadModelRef(item, alias.targets.emplace_back());
                      });
    }
    if (status.ok()) aliases.push_back(std::move(alias));
    return status;
  });
}

absl::Status ReadCount(const ConfigEntry& entry, int max, int& out) {
  int value = 0;
  if (!entry.value.IsScalar()) return TypeError(entry, "a whole number");
  if (!YAML::convert<int>::decode(entry.value, value) || value < 0 ||
      value > max) {
    return ValueError(entry,
                      absl::StrCat("expected a whole number from 0 to ", max));
  }
  out = value;
  return absl::OkStatus();
}

absl::Status ReadRetries(const ConfigEntry& section, RetrySettings& retries) {
  absl::Status status =
      ForEachEntry(section, [&](const ConfigEntry& field) -> absl::Status {
        const std::string& key = field.key.Scalar();
        if (key == "max_retries") {
          return ReadCount(field, 10, retries.max_retries);
        }
        if (key == "max_retries_limit") {
          return ReadCount(field, 10, retries.max_retries_limit);
        }
        if (key == "initial_backoff") {
          return ReadDuration(field, retries.initial_backoff);
        }
        if (key == "max_backoff")
          return ReadDuration(field, retries.max_backoff);
        if (key == "attempt_timeout") {
          return ReadDuration(field, retries.attempt_timeout);
        }
        if (key == "max_attempt_timeout") {
          return ReadDuration(field, retries.max_attempt_timeout);
        }
        return UnknownKey(
            field, {"max_retries", "max_retries_limit", "initial_backoff",
                    "max_backoff", "attempt_timeout", "max_attempt_timeout"});
      });
  if (!status.ok()) return status;
  if (retries.max_retries > retries.max_retries_limit) {
    return KeyError(section, "max_retries exceeds max_retries_limit");
  }
  if (retries.initial_backoff > retries.max_backoff) {
    return KeyError(section, "initial_backoff exceeds max_backoff");
  }
  if (retries.attempt_timeout > retries.max_attempt_timeout) {
    return KeyError(section, "attempt_timeout exceeds max_attempt_timeout");
  }
  return absl::OkStatus();
}

}  // namespace config_internal
}  // namespace literllm
