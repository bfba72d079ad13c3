#include "service/metrics/process_metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <limits>
#include <sstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace literllm {
namespace {

std::string ReadFile(const char* path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

double BootTimeSeconds() {
  for (absl::string_view line : absl::StrSplit(ReadFile("/proc/stat"), '\n')) {
    double btime = 0;
    if (absl::ConsumePrefix(&line, "btime ") &&
        absl::SimpleAtod(line, &btime)) {
      return btime;
    }
  }
  return 0;
}

double OpenFds() {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return 0;
  double count = 0;
  while (const dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') ++count;
  }
  closedir(dir);
  return count - 1;  // the directory's own descriptor
}

}  // namespace

std::optional<ProcessStats> ParseProcStat(absl::string_view stat,
                                          double ticks_per_second,
                                          double page_bytes,
                                          double boot_time_seconds) {
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
  size_t comm_end = stat.rfind(')');
  if (comm_end == absl::string_view::npos) return std::nullopt;
  std::vector<absl::string_view> fields =
      absl::StrSplit(stat.substr(comm_end + 1), ' ', absl::SkipEmpty());
  // fields[0] is field 3 of proc(5) (state); field n is fields[n - 3].
  auto field = [&fields](size_t n, double& out) {
    return n - 3 < fields.size() &&
           absl::SimpleAtod(absl::StripAsciiWhitespace(fields[n - 3]), &out);
  };
  double utime, stime, threads, start_ticks, vsize, rss_pages;
  if (!field(14, utime) || !field(15, stime) || !field(20, threads) ||
      !field(22, start_ticks) || !field(23, vsize) || !field(24, rss_pages) ||
      ticks_per_second <= 0) {
    return std::nullopt;
  }
  ProcessStats stats;
  stats.cpu_seconds = (utime + stime) / ticks_per_second;
  stats.threads = threads;
  stats.start_time_seconds = boot_time_seconds + start_ticks / ticks_per_second;
  stats.virtual_bytes = vsize;
  stats.resident_bytes = rss_pages * page_bytes;
  return stats;
}

std::optional<ProcessStats> ReadProcessStats() {
  // Fixed for the life of the process.
  static const double ticks = sysconf(_SC_CLK_TCK);
  static const double page = sysconf(_SC_PAGESIZE);
  static const double boot = BootTimeSeconds();
  std::optional<ProcessStats> stats =
      ParseProcStat(ReadFile("/proc/self/stat"), ticks, page, boot);
  if (!stats.has_value()) return std::nullopt;
  stats->open_fds = OpenFds();
  rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    stats->max_fds = limit.rlim_cur == RLIM_INFINITY
                         ? std::numeric_limits<double>::infinity()
                         : static_cast<double>(limit.rlim_cur);
  }
  return stats;
}

void AddProcessMetrics(MetricsRegistry& registry) {
  registry.AddCollector([](ExpositionWriter& out) {
    std::optional<ProcessStats> stats = ReadProcessStats();
    if (!stats.has_value()) return;
    auto one = [&out](absl::string_view name, absl::string_view help,
                      MetricType type, double value) {
      out.Family(name, help, type);
      out.Sample(name, {}, {}, value);
    };
    one("process_cpu_seconds_total",
        "Total user and system CPU time spent in seconds.",
        MetricType::kCounter, stats->cpu_seconds);
    one("process_resident_memory_bytes", "Resident memory size in bytes.",
        MetricType::kGauge, stats->resident_bytes);
    one("process_virtual_memory_bytes", "Virtual memory size in bytes.",
        MetricType::kGauge, stats->virtual_bytes);
    one("process_threads", "Number of OS threads in the process.",
        MetricType::kGauge, stats->threads);
    one("process_open_fds", "Number of open file descriptors.",
        MetricType::kGauge, stats->open_fds);
    one("process_max_fds", "Maximum number of open file descriptors.",
        MetricType::kGauge, stats->max_fds);
    one("process_start_time_seconds",
        "Start time of the process since unix epoch in seconds.",
        MetricType::kGauge, stats->start_time_seconds);
  });
}

}  // namespace literllm
