#ifndef LITERLLM_SERVICE_METRICS_LATENCY_BUCKETS_H_
#define LITERLLM_SERVICE_METRICS_LATENCY_BUCKETS_H_

#include <vector>

namespace literllm {

// Histogram bounds in seconds for whole LLM calls and time to first token:
// from a cached answer (5 ms) to a long reasoning call (2 min).
inline std::vector<double> LlmLatencyBuckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
          2.5,   5,    10,    20,   30,  60,   120};
}

// Finer bounds for the gateway's own share of a call (50 µs to 1 s): the
// overhead the bench measures at a fraction of a millisecond.
inline std::vector<double> GatewayOverheadBuckets() {
  return {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
          0.01,    0.025,  0.05,    0.1,    0.25,  0.5,    1};
}

}  // namespace literllm

#endif  // LITERLLM_SERVICE_METRICS_LATENCY_BUCKETS_H_
