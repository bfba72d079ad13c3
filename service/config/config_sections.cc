#include "service/config/config_sections.h"

#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"

namespace literllm {
namespace config_internal {
namespace {

constexpr char kSecretInFile[] =
    "keys are not written in the config file; name the environment variable "
    "that holds it in api_key_env";
constexpr char kCredentialHeader[] =
    "credentials are not written in headers; they belong in the environment, "
    "named by api_key_env";

bool IsOneOf(absl::string_view word,
             const std::vector<absl::string_view>& words) {
  for (absl::string_view w : words) {
    if (w == word) return true;
  }
  return false;
}

bool IsProviderName(absl::string_view name) {
  if (name.empty() || name[0] == '-' || name[0] == '_') return false;
  for (char c : name) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-' &&
        c != '_') {
      return false;
    }
  }
  return true;
}

bool IsEnvName(absl::string_view name) {
  if (name.empty() || absl::ascii_isdigit(name[0])) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

// An RFC 9110 token.
bool IsHeaderName(absl::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && !absl::StrContains("!#$%&'*+-.^_`|~", c)) {
      return false;
    }
  }
  return true;
}

}  // namespace

// "provider/model": a '/' with text on both sides.
bool IsModelRef(absl::string_view ref) {
  size_t slash = ref.find('/');
  return slash != absl::string_view::npos && slash > 0 &&
         slash + 1 < ref.size();
}

absl::Status ReadModelRef(const ConfigEntry& entry, std::string& out) {
  absl::Status status = ReadString(entry, out);
  if (status.ok() && !IsModelRef(out)) {
    return ValueError(entry, "expected provider/model");
  }
  return status;
}

absl::Status ReadBaseUrl(const ConfigEntry& entry,
                         std::optional<std::string>& out) {
  std::string url;
  absl::Status status = ReadString(entry, url);
  if (!status.ok()) return status;
  absl::string_view rest = url;
  if (!absl::ConsumePrefix(&rest, "http://") &&
      !absl::ConsumePrefix(&rest, "https://")) {
    return ValueError(entry, "must start with http:// or https://");
  }
  absl::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority[0] == ':') {
    return ValueError(entry, "has no host");
  }
  if (absl::StrContains(authority, '@')) {
    return ValueError(entry,
                      "credentials are not written in the URL; name the "
                      "environment variable that holds the key in "
                      "api_key_env");
  }
  for (char c : url) {
    if (absl::ascii_isspace(c) || absl::ascii_iscntrl(c)) {
      return ValueError(entry, "must not contain spaces or control characters");
    }
  }
  bool has_query = rest.find_first_of("?#") != absl::string_view::npos;
  while (!has_query && absl::EndsWith(url, "/")) url.pop_back();
  out = std::move(url);
  return absl::OkStatus();
}

absl::Status ReadEnvName(const ConfigEntry& entry,
                         std::optional<std::string>& out) {
  std::string name;
  absl::Status status = ReadString(entry, name);
  if (!status.ok()) return status;
  if (!IsEnvName(name)) {
    return ValueError(entry,
                      "must be the name of an environment variable "
                      "([A-Za-z_][A-Za-z0-9_]*), not the key itself");
  }
  out = std::move(name);
  return absl::OkStatus();
}

absl::Status ReadHeaders(
    const ConfigEntry& entry,
    std::vector<std::pair<std::string, std::string>>& headers) {
  std::set<std::string> seen;  // lower case: header names ignore case
  return ForEachEntry(entry, [&](const ConfigEntry& header) -> absl::Status {
    const std::string& name = header.key.Scalar();
    std::string lower = absl::AsciiStrToLower(name);
    if (IsOneOf(lower, {"authorization", "api-key", "x-api-key",
                        "proxy-authorization", "cookie"})) {
      return KeyError(header, kCredentialHeader);
    }
    if (!IsHeaderName(name)) return KeyError(header, "not an HTTP header name");
    if (!seen.insert(lower).second) {
      return KeyError(header, "written twice (header names ignore case)");
    }
    if (!header.value.IsScalar()) return TypeError(header, "a string");
    const std::string& value = header.value.Scalar();
    if (value.find_first_of(std::string("\r\n\0", 3)) != std::string::npos) {
      return ValueError(header, "must not contain line breaks or NUL");
    }
    headers.emplace_back(name, value);
    return absl::OkStatus();
  });
}

absl::Status ReadProviderSetting(const ConfigEntry& setting,
                                 ProviderSettings& provider) {
  const std::string& key = setting.key.Scalar();
  if (key == "type") return ReadString(setting, provider.type);
  if (key == "base_url") return ReadBaseUrl(setting, provider.base_url);
  if (key == "api_key_env") return ReadEnvName(setting, provider.api_key_env);
  if (key == "api_version") return ReadString(setting, provider.api_version);
  if (key == "drop_params")
    return ReadStringList(setting, provider.drop_params);
  if (key == "headers") return ReadHeaders(setting, provider.headers);
  if (key == "models") return ReadStringList(setting, provider.models);
  if (IsOneOf(absl::AsciiStrToLower(key),
              {"api_key", "key", "token", "secret", "password"})) {
    return KeyError(setting, kSecretInFile);
  }
  return UnknownKey(setting, {"type", "base_url", "api_key_env", "api_version",
                              "drop_params", "headers", "models"});
}

absl::Status ReadDuration(const ConfigEntry& entry, absl::Duration& out) {
  std::string text;
  absl::Status status = ReadString(entry, text);
  if (!status.ok()) return status;
  absl::Duration duration;
  if (!absl::ParseDuration(text, &duration)) {
    return ValueError(entry, "expected a duration such as 30s, 10m or 1h");
  }
  if (duration <= absl::ZeroDuration() ||
      duration == absl::InfiniteDuration()) {
    return ValueError(entry, "must be greater than 0 and finite");
  }
  out = duration;
  return absl::OkStatus();
}

absl::Status ReadNumber(const ConfigEntry& entry, absl::string_view what,
                        double& out) {
  double value = 0;
  if (!entry.value.IsScalar()) return TypeError(entry, "a number");
  if (!YAML::convert<double>::decode(entry.value, value)) {
    return ValueError(entry, absl::StrCat("expected ", what));
  }
  if (!std::isfinite(value) || value < 0) {
    return ValueError(entry, "must be a number >= 0");
  }
  out = value;
  return absl::OkStatus();
}

absl::Status ReadPrice(const ConfigEntry& entry, double& out) {
  return ReadNumber(entry, "a number (USD per million tokens)", out);
}

absl::Status ReadPrice(const ConfigEntry& entry, std::optional<double>& out) {
  double value = 0;
  absl::Status status = ReadPrice(entry, value);
  if (status.ok()) out = value;
  return status;
}

absl::Status ReadPriceEntry(const ConfigEntry& entry, PriceSettings& price) {
  bool has_input = false;
  bool has_output = false;
  absl::Status status =
      ForEachEntry(entry, [&](const ConfigEntry& field) -> absl::Status {
        const std::string& key = field.key.Scalar();
        if (key == "input") {
          has_input = true;
          return ReadPrice(field, price.input);
        }
        if (key == "output") {
          has_output = true;
          return ReadPrice(field, price.output);
        }
        if (key == "cached_input") return ReadPrice(field, price.cached_input);
        if (key == "cache_write") return ReadPrice(field, price.cache_write);
        return UnknownKey(field,
                          {"input", "output", "cached_input", "cache_write"});
      });
  if (!status.ok()) return status;
  if (!has_input) return KeyError(entry, "input is required");
  if (!has_output) return KeyError(entry, "output is required");
  return absl::OkStatus();
}

absl::Status ReadProviders(const ConfigEntry& section,
                           std::vector<ProviderSettings>& providers) {
  return ForEachEntry(section, [&](const ConfigEntry& entry) -> absl::Status {
    ProviderSettings provider;
    provider.name = entry.key.Scalar();
    provider.location = LocationAt(*entry.file, entry.key.Mark());
    if (!IsProviderName(provider.name)) {
      return KeyError(entry,
                      "provider names are lower case letters, digits, '-' and "
                      "'_', starting with a letter or digit");
    }
    absl::Status status = ForEachEntry(entry, [&](const ConfigEntry& setting) {
      return ReadProviderSetting(setting, provider);
    });
    if (status.ok()) providers.push_back(std::move(provider));
    return status;
  });
}

absl::Status ReadModelListing(const ConfigEntry& section,
                              ModelListingSettings& model_listing) {
  return ForEachEntry(section, [&](const ConfigEntry& field) -> absl::Status {
    const std::string& key = field.key.Scalar();
    if (key == "cache_ttl") return ReadDuration(field, model_listing.cache_ttl);
    if (key == "timeout") return ReadDuration(field, model_listing.timeout);
    return UnknownKey(field, {"cache_ttl", "timeout"});
  });
}

absl::Status ReadPrices(const ConfigEntry& section,
                        std::vector<PriceSettings>& prices) {
  return ForEachEntry(section, [&](const ConfigEntry& entry) -> absl::Status {
    PriceSettings price;
    price.model = entry.key.Scalar();
    price.location = LocationAt(*entry.file, entry.key.Mark());
    if (!IsModelRef(price.model)) {
      return KeyError(entry, "prices are keyed by provider/model");
    }
    if (!entry.value.IsMap()) return TypeError(entry, "a map");
    absl::Status status = ReadPriceEntry(entry, price);
    if (status.ok()) prices.push_back(std::move(price));
    return status;
  });
}

}  // namespace config_internal
}  // namespace literllm
