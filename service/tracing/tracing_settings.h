#ifndef LITERLLM_SERVICE_TRACING_TRACING_SETTINGS_H_
#define LITERLLM_SERVICE_TRACING_TRACING_SETTINGS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "providers/builtin_providers.h"
#include "service/tracing/sampler.h"

namespace literllm {

// How traces are recorded and exported, from the standard OTEL_* variables
// (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/
// and .../protocol/exporter/).
struct TracingSettings {
  // Spans are recorded and exported only when an OTLP endpoint is set (and
  // the SDK is not disabled); otherwise tracing costs nothing.
  bool enabled = false;
  // The full URL spans are POSTed to, e.g. http://collector:4318/v1/traces.
  std::string endpoint;
  // Sent with every export (e.g. an API key for a hosted backend).
  // Secrets: never logged.
  std::vector<std::pair<std::string, std::string>> headers;
  absl::Duration export_timeout = absl::Seconds(10);
  // Resource attributes, service.name included.
  std::vector<std::pair<std::string, std::string>> resource;
  SamplerKind sampler = SamplerKind::kParentBasedAlwaysOn;
  double sampler_ratio = 1.0;
  // Batch span processor.
  absl::Duration schedule_delay = absl::Milliseconds(5000);
  int max_queue_size = 2048;
  int max_export_batch_size = 512;
  // OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: prompts and
  // completions go on the spans.
  bool capture_content = false;

  // Each variable that was set to something unusable, what was wrong and
  // what is used instead. Never holds a header value.
  std::vector<std::string> warnings;

  // The endpoint without any user:password part, for logs.
  std::string EndpointForLog() const;
};

// Reads the settings through `env`. As the OpenTelemetry specification asks,
// a value that cannot be used is not fatal: it is reported in `warnings`
// and the default applies (an unusable endpoint turns tracing off).
TracingSettings TracingSettingsFromEnv(const EnvLookup& env);

// "k1=v1,k2=v2" as OTEL_EXPORTER_OTLP_HEADERS and OTEL_RESOURCE_ATTRIBUTES
// write it (W3C baggage form: whitespace around keys and values is dropped,
// values are percent-decoded). Entries without '=' or with an empty key are
// skipped and counted in `skipped`.
std::vector<std::pair<std::string, std::string>> ParseKeyValueList(
    absl::string_view text, int& skipped);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_TRACING_SETTINGS_H_
