#include "service/metrics/metrics_registry.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/metrics/latency_buckets.h"

namespace literllm {
namespace {

using ::testing::HasSubstr;

TEST(MetricsRegistryTest, PageHasFamiliesThenCollectors) {
  MetricsRegistry registry;
  CounterFamily& requests =
      registry.AddCounter("r_total", "Requests.", {"code"});
  GaugeFamily& inflight = registry.AddGauge("i", "In flight.", {});
  registry.AddCollector([](ExpositionWriter& out) {
    out.Family("open", "Open circuits.", MetricType::kGauge);
    out.Sample("open", {"deployment"}, {"groq/llama"}, 1);
  });
  requests.With({"OK"}).Add(2);
  inflight.With({}).Add(1);
  EXPECT_EQ(registry.Scrape(),
            "# HELP r_total Requests.\n# TYPE r_total counter\n"
            "r_total{code=\"OK\"} 2\n"
            "# HELP i In flight.\n# TYPE i gauge\n"
            "i 1\n"
            "# HELP open Open circuits.\n# TYPE open gauge\n"
            "open{deployment=\"groq/llama\"} 1\n");
}

TEST(MetricsRegistryTest, HistogramsUseTheirBuckets) {
  MetricsRegistry registry;
  registry.AddHistogram("o_seconds", "O.", {}, GatewayOverheadBuckets())
      .With({})
      .Observe(0.0003);
  std::string page = registry.Scrape();
  EXPECT_THAT(page, HasSubstr("o_seconds_bucket{le=\"5e-05\"} 0\n"));
  EXPECT_THAT(page, HasSubstr("o_seconds_bucket{le=\"0.0005\"} 1\n"));
  EXPECT_THAT(page, HasSubstr("o_seconds_count 1\n"));
}

TEST(MetricsRegistryTest, BucketSetsAscend) {
  for (const auto& bounds : {LlmLatencyBuckets(), GatewayOverheadBuckets()}) {
    for (size_t i = 1; i < bounds.size(); ++i) {
      EXPECT_LT(bounds[i - 1], bounds[i]);
    }
  }
  EXPECT_EQ(LlmLatencyBuckets().back(), 120);
  EXPECT_EQ(GatewayOverheadBuckets().front(), 0.00005);
}

TEST(MetricsRegistryDeathTest, ANameRegisteredTwiceCrashes) {
  MetricsRegistry registry;
  registry.AddCounter("x_total", "X.", {});
  EXPECT_DEATH(registry.AddGauge("x_total", "X.", {}), "");
}

}  // namespace
}  // namespace literllm
