#ifndef LITERLLM_SERVICE_POLICY_ACCESS_LOG_POLICY_H_
#define LITERLLM_SERVICE_POLICY_ACCESS_LOG_POLICY_H_

#include <string>

#include "absl/time/time.h"
#include "service/call/call_outcome.h"
#include "service/call/call_policy.h"
#include "service/telemetry/access_log.h"

namespace literllm {

// The longest model name an access-log line keeps (the caller wrote it).
inline constexpr size_t kAccessLogMaxModelBytes = 256;

// The access-log line of a call that ended at `end` (docs/operations.md,
// "Access log"): who called which model through which front, how it ended,
// how long it took, what it used and cost. Never message content, key
// material or a status message (which may echo caller or provider text):
// the status is its code name only.
std::string AccessLogLineOf(const CallOutcome& outcome, absl::Time end);

// Observer: hands every finished call's line to the access log's writer,
// which writes it later on its own thread.
class AccessLogPolicy final : public CallPolicy {
 public:
  explicit AccessLogPolicy(AccessLog& log) : log_(log) {}
  void Finished(const CallOutcome& outcome) override;

 private:
  AccessLog& log_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_POLICY_ACCESS_LOG_POLICY_H_
