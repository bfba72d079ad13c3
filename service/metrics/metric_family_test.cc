#include "service/metrics/metric_family.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Render(const MetricFamily& family) {
  std::string page;
  ExpositionWriter writer(page);
  family.Render(writer);
  return page;
}

TEST(MetricFamilyTest, CounterSeriesAreMadeOnFirstUseAndKept) {
  CounterFamily family("calls_total", "Calls.", {"model", "code"});
  EXPECT_EQ(Render(family),
            "# HELP calls_total Calls.\n# TYPE calls_total counter\n");
  family.With({"gpt-4o", "OK"}).Add();
  family.With({"gpt-4o", "OK"}).Add(2);
  family.With({"gpt-4o", "UNAVAILABLE"}).Add(0.5);
  family.With({"gpt-4o", "UNAVAILABLE"}).Add(-7);  // ignored
  family.With({"gpt-4o", "NOT_FOUND"});            // made, still 0
  EXPECT_EQ(Render(family),
            "# HELP calls_total Calls.\n# TYPE calls_total counter\n"
            "calls_total{model=\"gpt-4o\",code=\"OK\"} 3\n"
            "calls_total{model=\"gpt-4o\",code=\"UNAVAILABLE\"} 0.5\n"
            "calls_total{model=\"gpt-4o\",code=\"NOT_FOUND\"} 0\n");
  EXPECT_EQ(family.series_count(), 3);
}

TEST(MetricFamilyTest, LabelValuesThatConcatenateAlikeAreDistinct) {
  CounterFamily family("c_total", "C.", {"a", "b"});
  family.With({"ab", "c"}).Add();
  family.With({"a", "bc"}).Add(2);
  EXPECT_EQ(family.With({"ab", "c"}).value(), 1);
  EXPECT_EQ(family.With({"a", "bc"}).value(), 2);
}

TEST(MetricFamilyTest, LabelValuesAreEscaped) {
  GaugeFamily family("g", "G.", {"model"});
  family.With({"a\"b\\c\nd"}).Set(-2);
  EXPECT_THAT(Render(family), HasSubstr("g{model=\"a\\\"b\\\\c\\nd\"} -2\n"));
}

TEST(MetricFamilyTest, GaugesGoBothWays) {
  GaugeFamily family("inflight", "In flight.", {"front"});
  Gauge& grpc = family.With({"grpc"});
  grpc.Add(1);
  grpc.Add(1);
  grpc.Add(-1);
  EXPECT_EQ(grpc.value(), 1);
  grpc.Set(7);
  EXPECT_EQ(family.With({"grpc"}).value(), 7);
}

TEST(MetricFamilyTest, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  HistogramFamily family("d_seconds", "D.", {"model"}, {0.1, 1, 10});
  Histogram& h = family.With({"m"});
  h.Observe(0.05);
  h.Observe(0.1);  // le is inclusive
  h.Observe(0.5);
  h.Observe(100);
  EXPECT_EQ(Render(family),
            "# HELP d_seconds D.\n# TYPE d_seconds histogram\n"
            "d_seconds_bucket{model=\"m\",le=\"0.1\"} 2\n"
            "d_seconds_bucket{model=\"m\",le=\"1\"} 3\n"
            "d_seconds_bucket{model=\"m\",le=\"10\"} 3\n"
            "d_seconds_bucket{model=\"m\",le=\"+Inf\"} 4\n"
            "d_seconds_sum{model=\"m\"} 100.65\n"
            "d_seconds_count{model=\"m\"} 4\n");
}

TEST(MetricFamilyTest, HistogramWithoutLabels) {
  HistogramFamily family("o_seconds", "O.", {}, {0.001});
  family.With({}).Observe(0.0005);
  EXPECT_THAT(Render(family), HasSubstr("o_seconds_bucket{le=\"0.001\"} 1\n"
                                        "o_seconds_bucket{le=\"+Inf\"} 1\n"
                                        "o_seconds_sum 0.0005\n"
                                        "o_seconds_count 1\n"));
}

TEST(MetricFamilyTest, SeriesPastTheCapCountAsOther) {
  CounterFamily family("m_total", "M.", {"model", "key"}, /*max_series=*/3);
  for (int i = 0; i < 10; ++i) {
    family.With({absl::StrCat("openai/random-", i), "k"}).Add();
  }
  // Known series still count as themselves.
  family.With({"openai/random-1", "k"}).Add();
  EXPECT_EQ(family.series_count(), 4);  // three, and "other"
  std::string page = Render(family);
  EXPECT_THAT(page,
              HasSubstr("m_total{model=\"openai/random-0\",key=\"k\"} 1"));
  EXPECT_THAT(page,
              HasSubstr("m_total{model=\"openai/random-1\",key=\"k\"} 2"));
  EXPECT_THAT(page, HasSubstr("m_total{model=\"other\",key=\"other\"} 7\n"));
  EXPECT_THAT(page, Not(HasSubstr("random-3")));
  EXPECT_EQ(family.With({"openai/random-9", "k"}).value(), 7);
}

TEST(MetricFamilyTest, ConcurrentRecordingGivesExactTotals) {
  CounterFamily counters("c_total", "C.", {"model"});
  HistogramFamily histograms("h_seconds", "H.", {"model"}, {0.5});
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&counters, &histograms, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Every thread hits the shared series and one of its own.
        counters.With({"shared"}).Add();
        counters.With({absl::StrCat("own-", t)}).Add(2);
        histograms.With({i % 2 == 0 ? "even" : "odd"}).Observe(0.25);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(counters.With({"shared"}).value(), kThreads * kPerThread);
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(counters.With({absl::StrCat("own-", t)}).value(),
              2.0 * kPerThread);
  }
  EXPECT_EQ(counters.series_count(), kThreads + 1);
  std::vector<uint64_t> even = histograms.With({"even"}).CumulativeCounts();
  EXPECT_EQ(even.back(), kThreads * kPerThread / 2);
  EXPECT_EQ(histograms.With({"odd"}).sum(), 0.25 * kThreads * kPerThread / 2);
}

TEST(MetricFamilyTest, FamiliesWithTheSameLabelsDoNotShareSeries) {
  // The per-thread cache is keyed by family: a family made at the address
  // of one that is gone finds none of the old one's series.
  for (int i = 0; i < 3; ++i) {
    CounterFamily family("f_total", "F.", {"model"});
    EXPECT_EQ(family.With({"gpt-4o"}).value(), 0);
    family.With({"gpt-4o"}).Add();
  }
}

// Programming errors: the reason goes to the JSON log (stdout).
TEST(MetricFamilyDeathTest, WrongNumberOfLabelValuesCrashes) {
  CounterFamily family("w_total", "W.", {"a", "b"});
  EXPECT_DEATH(family.With({"only-one"}), "");
}

TEST(MetricFamilyDeathTest, BadNamesCrash) {
  EXPECT_DEATH(CounterFamily("bad-name", "B.", {}), "");
  EXPECT_DEATH(HistogramFamily("h", "H.", {"le"}, {1}), "");
  EXPECT_DEATH(HistogramFamily("h", "H.", {}, {2, 1}), "");
}

}  // namespace
}  // namespace literllm
