#ifndef LITERLLM_SERVICE_CONFIG_CONFIG_SECTIONS_H_
#define LITERLLM_SERVICE_CONFIG_CONFIG_SECTIONS_H_

// The sections of the config file and the YAML node checks they share; used
// by config.cc only. Every function stops at the first problem and returns
// InvalidArgument "FILE:LINE:COLUMN: path: problem", where path is the dotted
// setting path. Messages name keys, never values: a value may be a secret
// written in the wrong place. Nothing here throws.

#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/config/config.h"
#include "yaml-cpp/yaml.h"

namespace literllm {
namespace config_internal {

// One `key: value` entry of a map in `*file`. YAML::Node members are handles
// into the document: copy-construct them, never assign (assigning a Node
// rewrites the node it refers to).
struct ConfigEntry {
  const std::string* file;
  std::string path;  // dotted setting path; "" for the whole file
  YAML::Node key;
  YAML::Node value;
};

// 1-based position of a 0-based yaml-cpp mark (1:1 when it has none).
ConfigLocation LocationAt(const std::string& file, const YAML::Mark& mark);

// The error at `node` of `file` about the setting at `path`.
absl::Status ErrorAt(const std::string& file, const YAML::Node& node,
                     absl::string_view path, absl::string_view problem);

// Errors at the value of `entry` (at its key when the value is empty, as
// yaml-cpp places an empty value at the token after it) and at its key.
absl::Status ValueError(const ConfigEntry& entry, absl::string_view problem);
absl::Status KeyError(const ConfigEntry& entry, absl::string_view problem);

// "expected <expected>, got a list" at the value of `entry`.
absl::Status TypeError(const ConfigEntry& entry, absl::string_view expected);

// "unknown setting; expected one of: ..." at the key of `entry`.
absl::Status UnknownKey(const ConfigEntry& entry,
                        const std::vector<absl::string_view>& allowed);

// Calls `visit` on each entry of the map `map.value`, in file order, with the
// entry's path. An empty value reads as an empty map. Rejects keys that are
// not scalars and keys written twice (at the second one).
absl::Status ForEachEntry(
    const ConfigEntry& map,
    absl::FunctionRef<absl::Status(const ConfigEntry&)> visit);

// Calls `visit` on each item of the list `list.value` with path "path[i]";
// anything but a list is an error naming `expected`.
absl::Status ForEachItem(
    const ConfigEntry& list, absl::string_view expected,
    absl::FunctionRef<absl::Status(const ConfigEntry&)> visit);

// A non-empty string; a list of them.
absl::Status ReadString(const ConfigEntry& entry, std::string& out);
absl::Status ReadString(const ConfigEntry& entry,
                        std::optional<std::string>& out);
absl::Status ReadStringList(const ConfigEntry& entry,
                            std::vector<std::string>& out);

// The sections, in config.h's structs.
absl::Status ReadProviders(const ConfigEntry& section,
                           std::vector<ProviderSettings>& providers);
absl::Status ReadAliases(const ConfigEntry& section,
                         std::vector<AliasSettings>& aliases);
absl::Status ReadModelListing(const ConfigEntry& section,
                              ModelListingSettings& model_listing);
// Shared by the sections' readers.
bool IsModelRef(absl::string_view ref);
absl::Status ReadModelRef(const ConfigEntry& entry, std::string& out);
absl::Status ReadDuration(const ConfigEntry& entry, absl::Duration& out);
// A finite number >= 0; `what` says what is expected, e.g. "a weight".
absl::Status ReadNumber(const ConfigEntry& entry, absl::string_view what,
                        double& out);

absl::Status ReadRetries(const ConfigEntry& section, RetrySettings& retries);
absl::Status ReadBreaker(const ConfigEntry& section, BreakerSettings& breaker);
absl::Status ReadCount(const ConfigEntry& entry, int max, int& out);
absl::Status ReadAuth(const ConfigEntry& section, AuthSettings& auth);
absl::Status ReadRedis(const ConfigEntry& section, RedisSettings& redis);
absl::Status ReadEnvName(const ConfigEntry& entry,
                         std::optional<std::string>& out);
absl::Status ReadPrices(const ConfigEntry& section,
                        std::vector<PriceSettings>& prices);

}  // namespace config_internal
}  // namespace literllm

#endif  // LITERLLM_SERVICE_CONFIG_CONFIG_SECTIONS_H_
