#ifndef LITERLLM_SERVICE_TELEMETRY_SECRET_REDACTOR_H_
#define LITERLLM_SERVICE_TELEMETRY_SECRET_REDACTOR_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace literllm {

// Removes credentials from text that leaves the process (statuses, logs).
// Providers sometimes echo a key back, whole or masked
// ("Incorrect API key provided: sk-abc1****wxyz"), so besides exact matches
// it also blanks any token that starts with a key's first 8 characters or
// masks a key (contains "***" and ends with its last 4 characters).
class SecretRedactor {
 public:
  static constexpr absl::string_view kMask = "[REDACTED]";

  explicit SecretRedactor(std::vector<std::string> secrets);

  std::string Redact(absl::string_view text) const;

 private:
  bool IsEcho(absl::string_view token) const;

  std::vector<std::string> secrets_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TELEMETRY_SECRET_REDACTOR_H_
