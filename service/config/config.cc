#include "service/config/config.h"

#include <cerrno>
#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/config/config_sections.h"
#include "yaml-cpp/depthguard.h"
#include "yaml-cpp/yaml.h"

namespace literllm {
namespace {

absl::Status CannotRead(const std::string& file, int error) {
  return absl::ErrnoToStatus(error != 0 ? error : EIO,
                             absl::StrCat(file, ": cannot read"));
}

absl::StatusOr<std::string> ReadFileText(const std::string& file) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(
      std::fopen(file.c_str(), "rb"), &std::fclose);
  if (stream == nullptr) return CannotRead(file, errno);
  std::string text;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), stream.get())) > 0) {
    text.append(buffer, n);
  }
  if (std::ferror(stream.get())) return CannotRead(file, errno);
  return text;
}

absl::Status ReadRoot(const std::string& file, const YAML::Node& root,
                      GatewayConfig& config) {
  using config_internal::ConfigEntry;
  ConfigEntry top{&file, "", root, root};
  return config_internal::ForEachEntry(
      top, [&](const ConfigEntry& section) -> absl::Status {
        const std::string& name = section.key.Scalar();
        if (name == "providers") {
          return ReadProviders(section, config.providers);
        }
        if (name == "aliases") return ReadAliases(section, config.aliases);
        if (name == "model_listing") {
          return ReadModelListing(section, config.model_listing);
        }
        if (name == "prices") return ReadPrices(section, config.prices);
        if (name == "retries") return ReadRetries(section, config.retries);
        if (name == "circuit_breaker") {
          return ReadBreaker(section, config.circuit_breaker);
        }
        if (name == "auth") return ReadAuth(section, config.auth);
        if (name == "redis") return ReadRedis(section, config.redis);
        return UnknownKey(section,
                          {"providers", "aliases", "model_listing", "prices",
                           "retries", "circuit_breaker", "auth", "redis"});
      });
}

// `yaml` holds one document (or none: an empty config).
absl::Status ReadDocuments(const std::string& file, absl::string_view yaml,
                           GatewayConfig& config) {
  std::vector<YAML::Node> documents = YAML::LoadAll(std::string(yaml));
  for (size_t i = 1; i < documents.size(); ++i) {
    if (!documents[i].IsNull()) {
      return config_internal::ErrorAt(
          file, documents[i], "",
          "a second YAML document; the config is one document");
    }
  }
  if (documents.empty()) return absl::OkStatus();
  return ReadRoot(file, documents[0], config);
}

const char* TypeName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return "a scalar";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return "an empty value";
}

}  // namespace

namespace config_internal {

absl::Status ValueError(const ConfigEntry& entry, absl::string_view problem) {
  const YAML::Node& at = entry.value.IsNull() ? entry.key : entry.value;
  return ErrorAt(*entry.file, at, entry.path, problem);
}

absl::Status KeyError(const ConfigEntry& entry, absl::string_view problem) {
  return ErrorAt(*entry.file, entry.key, entry.path, problem);
}

absl::Status ForEachItem(
    const ConfigEntry& list, absl::string_view expected,
    absl::FunctionRef<absl::Status(const ConfigEntry&)> visit) {
  if (!list.value.IsSequence()) return TypeError(list, expected);
  size_t index = 0;
  for (const YAML::Node& item : list.value) {
    // An empty item has no position of its own: point at the list.
    ConfigEntry entry{list.file, absl::StrCat(list.path, "[", index++, "]"),
                      list.value, item};
    absl::Status status = visit(entry);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status ReadString(const ConfigEntry& entry, std::string& out) {
  if (!entry.value.IsScalar()) return TypeError(entry, "a string");
  if (entry.value.Scalar().empty()) {
    return ValueError(entry, "must not be empty");
  }
  out = entry.value.Scalar();
  return absl::OkStatus();
}

absl::Status ReadString(const ConfigEntry& entry,
                        std::optional<std::string>& out) {
  std::string value;
  absl::Status status = ReadString(entry, value);
  if (status.ok()) out = std::move(value);
  return status;
}

absl::Status ReadStringList(const ConfigEntry& entry,
                            std::vector<std::string>& out) {
  return ForEachItem(entry, "a list of strings",
                     [&](const ConfigEntry& item) -> absl::Status {
                       std::string value;
                       absl::Status status = ReadString(item, value);
                       if (status.ok()) out.push_back(std::move(value));
                       return status;
                     });
}

ConfigLocation LocationAt(const std::string& file, const YAML::Mark& mark) {
  return {file, mark.line < 0 ? 1 : mark.line + 1,
          mark.column < 0 ? 1 : mark.column + 1};
}

absl::Status ErrorAt(const std::string& file, const YAML::Node& node,
                     absl::string_view path, absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat(Where(LocationAt(file, node.Mark())),
                   path.empty() ? "top level" : path, ": ", problem));
}

absl::Status TypeError(const ConfigEntry& entry, absl::string_view expected) {
  return ValueError(entry, absl::StrCat("expected ", expected, ", got ",
                                        TypeName(entry.value)));
}

absl::Status UnknownKey(const ConfigEntry& entry,
                        const std::vector<absl::string_view>& allowed) {
  return KeyError(entry, absl::StrCat("unknown setting; expected one of: ",
                                      absl::StrJoin(allowed, ", ")));
}

absl::Status ForEachEntry(
    const ConfigEntry& map,
    absl::FunctionRef<absl::Status(const ConfigEntry&)> visit) {
  if (map.value.IsNull()) return absl::OkStatus();
  if (!map.value.IsMap()) return TypeError(map, "a map");
  std::map<std::string, YAML::Mark> seen;
  for (const auto& key_value : map.value) {
    const YAML::Node& key = key_value.first;
    if (!key.IsScalar()) {
      return ErrorAt(*map.file, key, map.path,
                     absl::StrCat("keys are names, got ", TypeName(key)));
    }
    ConfigEntry entry{map.file,
                      map.path.empty()
                          ? key.Scalar()
                          : absl::StrCat(map.path, ".", key.Scalar()),
                      key, key_value.second};
    auto [first, inserted] = seen.emplace(key.Scalar(), key.Mark());
    if (!inserted) {
      ConfigLocation at = LocationAt(*map.file, first->second);
      return KeyError(entry, absl::StrCat("written twice; first at line ",
                                          at.line, ", column ", at.column));
    }
    absl::Status status = visit(entry);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace config_internal

absl::StatusOr<GatewayConfig> LoadConfig(const std::string& file) {
  absl::StatusOr<std::string> text = ReadFileText(file);
  if (!text.ok()) return text.status();
  return ParseConfig(*text, file);
}

absl::StatusOr<GatewayConfig> ParseConfig(absl::string_view yaml,
                                          const std::string& file) {
  GatewayConfig config;
  config.file = file;
  absl::Status status;
  // yaml-cpp throws on syntax errors; anything else it throws is our bug.
  try {
    status = ReadDocuments(file, yaml, config);
  } catch (const YAML::ParserException& e) {
    // yaml-cpp's message for nesting too deep is "bad file".
    bool too_deep = dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr;
    return absl::InvalidArgumentError(
        absl::StrCat(Where(config_internal::LocationAt(file, e.mark)),
                     "YAML syntax: ", too_deep ? "nested too deeply" : e.msg));
  } catch (const std::exception& e) {
    return absl::InternalError(
        absl::StrCat(file, ": reading the config failed: ", e.what()));
  } catch (...) {
    return absl::InternalError(
        absl::StrCat(file, ": reading the config failed"));
  }
  if (!status.ok()) return status;
  return config;
}

std::string Where(const ConfigLocation& location) {
  return absl::StrCat(location.file, ":", location.line, ":", location.column,
                      ": ");
}

}  // namespace literllm
