#ifndef LITERLLM_SERVICE_TELEMETRY_LOG_H_
#define LITERLLM_SERVICE_TELEMETRY_LOG_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace literllm {

using LogFields = std::vector<std::pair<absl::string_view, std::string>>;

// Writes one JSON object per line to stdout:
// {"level":"info","msg":"listening","port":"50051"}. Callers pass text that
// went through SecretRedactor when it may hold provider data.
void Log(absl::string_view level, absl::string_view message,
         const LogFields& fields = {});

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TELEMETRY_LOG_H_
