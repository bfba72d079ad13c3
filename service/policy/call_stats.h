#ifndef LITERLLM_SERVICE_POLICY_CALL_STATS_H_
#define LITERLLM_SERVICE_POLICY_CALL_STATS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "service/call/call_policy.h"

namespace literllm {

// How chat calls ended, by status code. Lock-free: recorded once per call
// from whichever thread finishes it.
class CallStats {
 public:
  void Record(absl::StatusCode code);
  int64_t count(absl::StatusCode code) const;
  int64_t total() const;
  // "OK=120 UNAVAILABLE=3" (codes that occurred, in code order).
  std::string Summary() const;

 private:
  static constexpr int kCodes = 17;  // OK .. UNAUTHENTICATED
  std::array<std::atomic<int64_t>, kCodes> counts_{};
};

// Records every call's status code into a CallStats.
class CallStatsRecorder final : public CallPolicy {
 public:
  explicit CallStatsRecorder(CallStats& stats) : stats_(stats) {}
  void Finished(const CallOutcome& outcome) override {
    stats_.Record(outcome.status.code());
  }

 private:
  CallStats& stats_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_POLICY_CALL_STATS_H_
