#include "service/metrics/process_metrics.h"

#include <unistd.h>

#include <string>
#include <thread>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::ContainsRegex;

TEST(ProcessMetricsTest, ParsesProcStatWithSpacesInTheName) {
  // Fields 1-24 of proc(5): utime 250, stime 50 ticks, 7 threads, started
  // 1000 ticks after boot, 4096000 bytes virtual, 300 pages resident.
  const std::string stat =
      "4242 (literllm (srv) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 "
      "0 0 20 0 7 0 1000 4096000 300 18446744073709551615\n";
  std::optional<ProcessStats> stats =
      ParseProcStat(stat, /*ticks_per_second=*/100, /*page_bytes=*/4096,
                    /*boot_time_seconds=*/1700000000);
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->cpu_seconds, 3);
  EXPECT_EQ(stats->threads, 7);
  EXPECT_EQ(stats->start_time_seconds, 1700000010);
  EXPECT_EQ(stats->virtual_bytes, 4096000);
  EXPECT_EQ(stats->resident_bytes, 300 * 4096);
}

TEST(ProcessMetricsTest, RejectsWhatIsNotProcStat) {
  EXPECT_FALSE(ParseProcStat("", 100, 4096, 0).has_value());
  EXPECT_FALSE(ParseProcStat("1 (x) S 1 2 3", 100, 4096, 0).has_value());
}

TEST(ProcessMetricsTest, ReadsThisProcess) {
  std::thread extra([] { absl::SleepFor(absl::Milliseconds(200)); });
  std::optional<ProcessStats> stats = ReadProcessStats();
  extra.join();
  ASSERT_TRUE(stats.has_value());
  EXPECT_GE(stats->threads, 2);
  EXPECT_GT(stats->resident_bytes, 1 << 20);
  EXPECT_GE(stats->virtual_bytes, stats->resident_bytes);
  EXPECT_GE(stats->open_fds, 3);  // stdin, stdout, stderr
  EXPECT_GE(stats->max_fds, stats->open_fds);
  EXPECT_GT(stats->start_time_seconds, 1600000000);
  EXPECT_LE(stats->start_time_seconds, absl::ToUnixSeconds(absl::Now()) + 1);
}

TEST(ProcessMetricsTest, EveryProcessMetricIsOnThePage) {
  MetricsRegistry registry;
  AddProcessMetrics(registry);
  std::string page = registry.Scrape();
  for (const char* name :
       {"process_cpu_seconds_total", "process_resident_memory_bytes",
        "process_virtual_memory_bytes", "process_threads", "process_open_fds",
        "process_max_fds", "process_start_time_seconds"}) {
    EXPECT_THAT(page, ContainsRegex(std::string("\n") + name + " [0-9e.+]+\n"))
        << name;
  }
}

}  // namespace
}  // namespace literllm
