#ifndef LITERLLM_SERVICE_METRICS_PROCESS_METRICS_H_
#define LITERLLM_SERVICE_METRICS_PROCESS_METRICS_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "service/metrics/metrics_registry.h"

namespace literllm {

// What /proc says about this process, read at each scrape.
struct ProcessStats {
  double cpu_seconds = 0;  // user + system
  double resident_bytes = 0;
  double virtual_bytes = 0;
  double threads = 0;
  double start_time_seconds = 0;  // Unix time
  double open_fds = 0;
  double max_fds = 0;
};

// Parses /proc/<pid>/stat (`stat`) given the clock ticks per second, the
// page size and the boot time (btime of /proc/stat); nullopt when it is
// not that format. Fills cpu, memory, threads and start time.
std::optional<ProcessStats> ParseProcStat(absl::string_view stat,
                                          double ticks_per_second,
                                          double page_bytes,
                                          double boot_time_seconds);

// Reads /proc/self now; nullopt where /proc is not there.
std::optional<ProcessStats> ReadProcessStats();

// The standard process metrics of Prometheus' client libraries:
// process_cpu_seconds_total, process_resident_memory_bytes,
// process_virtual_memory_bytes, process_threads, process_open_fds,
// process_max_fds, process_start_time_seconds.
void AddProcessMetrics(MetricsRegistry& registry);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_METRICS_PROCESS_METRICS_H_
