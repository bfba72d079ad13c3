#ifndef LITERLLM_BENCH_TOOLS_STREAM_LOAD_H_
#define LITERLLM_BENCH_TOOLS_STREAM_LOAD_H_

// Stream load for benchmarks: runs chat streams against literllm (gRPC) or an
// OpenAI-compatible HTTP endpoint (SSE) and records, per stream, when its
// first content token arrived and how many content chunks came.

#include <functional>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace literllm::bench {

struct StreamTarget {
  // "grpc://HOST:PORT" or "http://HOST:PORT/path".
  std::string url;
  std::vector<std::string> headers;  // HTTP only: "name: value"
  std::string model;
  std::string prompt;
};

struct StreamResult {
  bool ok = false;
  absl::Duration first_token = absl::InfiniteDuration();
  absl::Duration total = absl::ZeroDuration();
  int content_chunks = 0;
};

// Runs `streams` streams, at most `concurrency` at once. `on_all_started`
// runs once every stream of the first wave has received its first token
// (used to sample the gateway while they are all in flight).
std::vector<StreamResult> RunStreams(
    const StreamTarget& target, int streams, int concurrency,
    const std::function<void()>& on_all_started);

std::vector<StreamResult> RunGrpcStreams(
    const StreamTarget& target, int streams, int concurrency,
    const std::function<void()>& on_all_started);
std::vector<StreamResult> RunHttpStreams(
    const StreamTarget& target, int streams, int concurrency,
    const std::function<void()>& on_all_started);

}  // namespace literllm::bench

#endif  // LITERLLM_BENCH_TOOLS_STREAM_LOAD_H_
