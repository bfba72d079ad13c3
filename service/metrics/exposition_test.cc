#include "service/metrics/exposition.h"

#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace literllm {
namespace {

std::string Value(double value) {
  std::string out;
  AppendMetricValue(out, value);
  return out;
}

TEST(ExpositionTest, ValuesReadBackExactly) {
  EXPECT_EQ(Value(0), "0");
  EXPECT_EQ(Value(42), "42");
  EXPECT_EQ(Value(-3), "-3");
  EXPECT_EQ(Value(1234567890123), "1234567890123");
  EXPECT_EQ(Value(0.25), "0.25");
  EXPECT_EQ(Value(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(Value(0.0005), "0.0005");
  EXPECT_EQ(Value(5e-05), "5e-05");
  EXPECT_EQ(Value(-1.5e-07), "-1.5e-07");
  EXPECT_EQ(Value(1e20 + 0.5), "100000000000000000000");
  EXPECT_EQ(Value(2.5e21), "2.5e+21");
  EXPECT_EQ(Value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(Value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(Value(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(ExpositionTest, LabelValuesAndHelpAreEscaped) {
  std::string label;
  AppendEscapedLabelValue(label, "a\\b\"c\nd\te");
  EXPECT_EQ(label, "a\\\\b\\\"c\\nd\te");
  std::string help;
  AppendEscapedHelp(help, "a\\b\"c\nd");
  EXPECT_EQ(help, "a\\\\b\"c\\nd");
}

TEST(ExpositionTest, FamiliesAndSamples) {
  std::string page;
  ExpositionWriter writer(page);
  writer.Family("x_total", "Things\nthat happened.", MetricType::kCounter);
  const std::vector<std::string> names = {"model", "key"};
  writer.Sample("x_total", "", names, {"gpt-4o", "team \"a\""}, 3);
  writer.Family("y_seconds", "Y.", MetricType::kHistogram);
  writer.Sample("y_seconds", "_bucket", {}, {}, 1, 0.5);
  writer.Sample("y_seconds", "_bucket", names, {"m", "k"}, 2,
                std::numeric_limits<double>::infinity());
  writer.Family("z", "Z.", MetricType::kGauge);
  writer.Sample("z", {}, {}, 1.5);
  EXPECT_EQ(page,
            "# HELP x_total Things\\nthat happened.\n"
            "# TYPE x_total counter\n"
            "x_total{model=\"gpt-4o\",key=\"team \\\"a\\\"\"} 3\n"
            "# HELP y_seconds Y.\n"
            "# TYPE y_seconds histogram\n"
            "y_seconds_bucket{le=\"0.5\"} 1\n"
            "y_seconds_bucket{model=\"m\",key=\"k\",le=\"+Inf\"} 2\n"
            "# HELP z Z.\n"
            "# TYPE z gauge\n"
            "z 1.5\n");
}

TEST(ExpositionTest, Names) {
  EXPECT_TRUE(IsValidMetricName("literllm_requests_total"));
  EXPECT_TRUE(IsValidMetricName("job:rate5m"));
  EXPECT_FALSE(IsValidMetricName("1abc"));
  EXPECT_FALSE(IsValidMetricName("a-b"));
  EXPECT_FALSE(IsValidMetricName(""));
  EXPECT_TRUE(IsValidLabelName("_key1"));
  EXPECT_FALSE(IsValidLabelName("a:b"));
  EXPECT_FALSE(IsValidLabelName("9"));
}

}  // namespace
}  // namespace literllm
