#include "service/policy/call_stats.h"

#include "gtest/gtest.h"

namespace literllm {
namespace {

TEST(CallStatsTest, CountsByCode) {
  CallStats stats;
  EXPECT_EQ(stats.Summary(), "none");
  stats.Record(absl::StatusCode::kOk);
  stats.Record(absl::StatusCode::kOk);
  stats.Record(absl::StatusCode::kUnavailable);
  EXPECT_EQ(stats.count(absl::StatusCode::kOk), 2);
  EXPECT_EQ(stats.total(), 3);
  EXPECT_EQ(stats.Summary(), "OK=2 UNAVAILABLE=1");
}

}  // namespace
}  // namespace literllm
