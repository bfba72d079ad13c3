#include "service/tracing/tracing_settings.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "providers/http/percent_decoding.h"

#ifndef LITERLLM_VERSION
#define LITERLLM_VERSION "0.0.0"
#endif

namespace literllm {
namespace {

// Reads the variables of one TracingSettings and notes what was unusable.
class EnvReader {
 public:
  EnvReader(const EnvLookup& env, std::vector<std::string>& warnings)
      : env_(env), warnings_(warnings) {}

  // The value, whitespace stripped; nullopt when unset or empty.
  std::optional<std::string> Get(absl::string_view name) const {
    std::optional<std::string> value = env_(name);
    if (!value.has_value()) return std::nullopt;
    std::string stripped(absl::StripAsciiWhitespace(*value));
    if (stripped.empty()) return std::nullopt;
    return stripped;
  }

  // The first of `names` that is set.
  std::optional<std::pair<std::string, std::string>> First(
      std::initializer_list<absl::string_view> names) const {
    for (absl::string_view name : names) {
      if (std::optional<std::string> value = Get(name)) {
        return std::make_pair(std::string(name), *value);
      }
    }
    return std::nullopt;
  }

  // "true" or "false" in any case; anything else is false, with a warning.
  bool Bool(absl::string_view name) {
    std::optional<std::string> value = Get(name);
    if (!value.has_value()) return false;
    if (absl::EqualsIgnoreCase(*value, "true")) return true;
    if (!absl::EqualsIgnoreCase(*value, "false")) {
      Warn(name, "is neither true nor false; using false");
    }
    return false;
  }

  // Milliseconds, a whole number from `min`.
  absl::Duration Millis(std::initializer_list<absl::string_view> names,
                        int64_t min, absl::Duration fallback) {
    std::optional<std::pair<std::string, std::string>> value = First(names);
    if (!value.has_value()) return fallback;
    int64_t ms = 0;
    if (!absl::SimpleAtoi(value->second, &ms) || ms < min) {
      Warn(value->first,
           absl::StrCat("is not a whole number of milliseconds from ", min,
                        "; using ", absl::ToInt64Milliseconds(fallback)));
      return fallback;
    }
    return absl::Milliseconds(ms);
  }

  int Count(absl::string_view name, int fallback) {
    std::optional<std::string> value = Get(name);
    if (!value.has_value()) return fallback;
    int n = 0;
    if (!absl::SimpleAtoi(*value, &n) || n < 1) {
      Warn(name,
           absl::StrCat("is not a positive whole number; using ", fallback));
      return fallback;
    }
    return n;
  }

  void Warn(absl::string_view name, absl::string_view problem) {
    warnings_.push_back(absl::StrCat(name, " ", problem));
  }

 private:
  const EnvLookup& env_;
  std::vector<std::string>& warnings_;
};

std::optional<SamplerKind> SamplerNamed(absl::string_view name) {
  static constexpr std::pair<absl::string_view, SamplerKind> kNames[] = {
      {"always_on", SamplerKind::kAlwaysOn},
      {"always_off", SamplerKind::kAlwaysOff},
      {"traceidratio", SamplerKind::kTraceIdRatio},
      {"parentbased_always_on", SamplerKind::kParentBasedAlwaysOn},
      {"parentbased_always_off", SamplerKind::kParentBasedAlwaysOff},
      {"parentbased_traceidratio", SamplerKind::kParentBasedTraceIdRatio},
  };
  for (const auto& [known, kind] : kNames) {
    if (absl::EqualsIgnoreCase(name, known)) return kind;
  }
  return std::nullopt;
}

void ReadSampler(EnvReader& env, TracingSettings& settings) {
  if (std::optional<std::string> name = env.Get("OTEL_TRACES_SAMPLER")) {
    if (std::optional<SamplerKind> kind = SamplerNamed(*name)) {
      settings.sampler = *kind;
    } else {
      env.Warn("OTEL_TRACES_SAMPLER",
               "is not always_on, always_off, traceidratio, "
               "parentbased_always_on, parentbased_always_off or "
               "parentbased_traceidratio; using parentbased_always_on");
    }
  }
  if (settings.sampler != SamplerKind::kTraceIdRatio &&
      settings.sampler != SamplerKind::kParentBasedTraceIdRatio) {
    return;
  }
  if (std::optional<std::string> arg = env.Get("OTEL_TRACES_SAMPLER_ARG")) {
    double ratio = 0;
    if (absl::SimpleAtod(*arg, &ratio) && ratio >= 0 && ratio <= 1) {
      settings.sampler_ratio = ratio;
    } else {
      env.Warn("OTEL_TRACES_SAMPLER_ARG",
               "is not a number from 0 to 1; using 1.0");
    }
  }
}

// The traces URL, or "" when none (or none usable) is set.
std::string ReadEndpoint(EnvReader& env) {
  std::string url;
  std::string name = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
  if (std::optional<std::string> traces = env.Get(name)) {
    url = *traces;  // a signal's own endpoint is used as is
  } else if (std::optional<std::string> base =
                 env.Get("OTEL_EXPORTER_OTLP_ENDPOINT")) {
    name = "OTEL_EXPORTER_OTLP_ENDPOINT";
    url = absl::StrCat(absl::StripSuffix(*base, "/"), "/v1/traces");
  } else {
    return "";
  }
  if (!absl::StartsWithIgnoreCase(url, "http://") &&
      !absl::StartsWithIgnoreCase(url, "https://")) {
    env.Warn(name, "is not an http:// or https:// URL; traces are off");
    return "";
  }
  return url;
}

void ReadHeaders(EnvReader& env, TracingSettings& settings) {
  // The traces-only variable's headers win over the general one's.
  for (absl::string_view name :
       {"OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS"}) {
    std::optional<std::string> text = env.Get(name);
    if (!text.has_value()) continue;
    int skipped = 0;
    for (auto& [key, value] : ParseKeyValueList(*text, skipped)) {
      auto& headers = settings.headers;
      headers.erase(std::remove_if(headers.begin(), headers.end(),
                                   [&key = key](const auto& header) {
                                     return absl::EqualsIgnoreCase(header.first,
                                                                   key);
                                   }),
                    headers.end());
      settings.headers.emplace_back(std::move(key), std::move(value));
    }
    if (skipped > 0) {  // never the entry itself: it may hold a secret
      env.Warn(name, absl::StrCat("has ", skipped,
                                  " entries that are not key=value; skipped"));
    }
  }
}

void ReadResource(EnvReader& env, TracingSettings& settings) {
  std::string service = env.Get("OTEL_SERVICE_NAME").value_or("");
  std::vector<std::pair<std::string, std::string>> attributes;
  if (std::optional<std::string> text = env.Get("OTEL_RESOURCE_ATTRIBUTES")) {
    int skipped = 0;
    attributes = ParseKeyValueList(*text, skipped);
    if (skipped > 0) {
      env.Warn("OTEL_RESOURCE_ATTRIBUTES",
               absl::StrCat("has ", skipped,
                            " entries that are not key=value; skipped"));
    }
  }
  for (const auto& [key, value] : attributes) {
    if (key == "service.name" && service.empty()) service = value;
  }
  settings.resource = {{"service.name", service.empty() ? "literllm" : service},
                       {"telemetry.sdk.name", "literllm"},
                       {"telemetry.sdk.language", "cpp"},
                       {"telemetry.sdk.version", LITERLLM_VERSION}};
  for (auto& [key, value] : attributes) {
    if (key == "service.name" || absl::StartsWith(key, "telemetry.sdk.")) {
      continue;
    }
    settings.resource.emplace_back(std::move(key), std::move(value));
  }
}

void ReadBatching(EnvReader& env, TracingSettings& settings) {
  settings.schedule_delay =
      env.Millis({"OTEL_BSP_SCHEDULE_DELAY"}, 0, settings.schedule_delay);
  settings.max_queue_size =
      env.Count("OTEL_BSP_MAX_QUEUE_SIZE", settings.max_queue_size);
  settings.max_export_batch_size = env.Count("OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
                                             settings.max_export_batch_size);
  if (settings.max_export_batch_size > settings.max_queue_size) {
    env.Warn("OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
             absl::StrCat("is larger than the queue; using ",
                          settings.max_queue_size));
    settings.max_export_batch_size = settings.max_queue_size;
  }
}

// Whether the exporter named by OTEL_TRACES_EXPORTER is ours (otlp).
bool OtlpExporterChosen(EnvReader& env) {
  std::optional<std::string> exporter = env.Get("OTEL_TRACES_EXPORTER");
  if (!exporter.has_value() || absl::EqualsIgnoreCase(*exporter, "otlp")) {
    return true;
  }
  if (absl::EqualsIgnoreCase(*exporter, "none")) return false;
  env.Warn("OTEL_TRACES_EXPORTER",
           "names an exporter other than otlp or none; using otlp");
  return true;
}

void CheckProtocol(EnvReader& env) {
  if (std::optional<std::pair<std::string, std::string>> protocol =
          env.First({"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
                     "OTEL_EXPORTER_OTLP_PROTOCOL"});
      protocol.has_value() && protocol->second != "http/protobuf") {
    env.Warn(protocol->first,
             "is not http/protobuf, the only protocol supported; using "
             "http/protobuf");
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ParseKeyValueList(
    absl::string_view text, int& skipped) {
  std::vector<std::pair<std::string, std::string>> out;
  skipped = 0;
  for (absl::string_view entry : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    entry = absl::StripAsciiWhitespace(entry);
    if (entry.empty()) continue;
    size_t eq = entry.find('=');
    absl::string_view key =
        absl::StripAsciiWhitespace(entry.substr(0, std::min(eq, entry.size())));
    if (eq == absl::string_view::npos || key.empty()) {
      ++skipped;
      continue;
    }
    out.emplace_back(
        PercentDecoded(key),
        PercentDecoded(absl::StripAsciiWhitespace(entry.substr(eq + 1))));
  }
  return out;
}

std::string TracingSettings::EndpointForLog() const {
  // scheme://user:password@host/... → scheme://host/...
  size_t scheme = endpoint.find("://");
  if (scheme == std::string::npos) return endpoint;
  size_t host = scheme + 3;
  size_t path = endpoint.find('/', host);
  size_t at =
      endpoint.rfind('@', path == std::string::npos ? endpoint.size() : path);
  if (at == std::string::npos || at < host) return endpoint;
  return endpoint.substr(0, host) + endpoint.substr(at + 1);
}

TracingSettings TracingSettingsFromEnv(const EnvLookup& lookup) {
  TracingSettings settings;
  EnvReader env(lookup, settings.warnings);
  const bool disabled = env.Bool("OTEL_SDK_DISABLED");
  const bool otlp = OtlpExporterChosen(env);
  settings.endpoint = ReadEndpoint(env);
  settings.enabled = !disabled && otlp && !settings.endpoint.empty();
  if (!settings.enabled) return settings;  // nothing else matters
  CheckProtocol(env);
  ReadHeaders(env, settings);
  settings.export_timeout = env.Millis(
      {"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT"}, 1,
      settings.export_timeout);
  ReadResource(env, settings);
  ReadSampler(env, settings);
  ReadBatching(env, settings);
  settings.capture_content =
      env.Bool("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT");
  return settings;
}

}  // namespace literllm
