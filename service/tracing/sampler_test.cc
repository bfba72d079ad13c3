#include "service/tracing/sampler.h"

#include <string>

#include "gtest/gtest.h"
#include "service/call/trace_context.h"

namespace literllm {
namespace {

// A trace id whose random low half is `low` (16 hex digits).
std::string TraceId(const std::string& high, const std::string& low) {
  return high + low;
}

TEST(SamplerTest, AlwaysOnAndOffIgnoreTheParent) {
  Sampler on(SamplerKind::kAlwaysOn, 0);
  Sampler off(SamplerKind::kAlwaysOff, 1);
  std::string id = NewTraceId();
  for (bool has_parent : {false, true}) {
    for (bool parent_sampled : {false, true}) {
      EXPECT_TRUE(on.ShouldSample(id, has_parent, parent_sampled));
      EXPECT_FALSE(off.ShouldSample(id, has_parent, parent_sampled));
    }
  }
}

TEST(SamplerTest, ParentBasedFollowsTheCallersFlag) {
  for (SamplerKind kind :
       {SamplerKind::kParentBasedAlwaysOn, SamplerKind::kParentBasedAlwaysOff,
        SamplerKind::kParentBasedTraceIdRatio}) {
    Sampler sampler(kind, 0.5);
    std::string id = NewTraceId();
    EXPECT_TRUE(sampler.ShouldSample(id, true, true));
    EXPECT_FALSE(sampler.ShouldSample(id, true, false));
  }
}

TEST(SamplerTest, ParentBasedRootsUseTheirDelegate) {
  std::string id = NewTraceId();
  EXPECT_TRUE(Sampler(SamplerKind::kParentBasedAlwaysOn, 0)
                  .ShouldSample(id, false, false));
  EXPECT_FALSE(Sampler(SamplerKind::kParentBasedAlwaysOff, 1)
                   .ShouldSample(id, false, true));
  std::string low = TraceId("ffffffffffffffff", "0000000000000001");
  std::string high = TraceId("0000000000000000", "ffffffffffffffff");
  Sampler ratio(SamplerKind::kParentBasedTraceIdRatio, 0.5);
  EXPECT_TRUE(ratio.ShouldSample(low, false, false));
  EXPECT_FALSE(ratio.ShouldSample(high, false, true));
}

TEST(SamplerTest, RatioDecidesByTheLowEightBytes) {
  Sampler half(SamplerKind::kTraceIdRatio, 0.5);
  // (low >> 1) < 2^62: the boundary sits at low = 2^63.
  EXPECT_TRUE(half.ShouldSample(TraceId("ffffffffffffffff", "7fffffffffffffff"),
                                false, false));
  EXPECT_FALSE(half.ShouldSample(
      TraceId("0000000000000000", "8000000000000000"), false, false));
  // A non-parent-based ratio ignores the caller's flag.
  EXPECT_FALSE(half.ShouldSample(
      TraceId("0000000000000000", "8000000000000000"), true, true));
}

TEST(SamplerTest, RatioZeroAndOneAreNoneAndAll) {
  Sampler none(SamplerKind::kTraceIdRatio, 0);
  Sampler all(SamplerKind::kTraceIdRatio, 1);
  for (const std::string& low :
       {std::string("0000000000000000"), std::string("ffffffffffffffff")}) {
    std::string id = TraceId("0123456789abcdef", low);
    EXPECT_FALSE(none.ShouldSample(id, false, false));
    EXPECT_TRUE(all.ShouldSample(id, false, false));
  }
}

TEST(SamplerTest, RatioSamplesItsShareAndNestsAcrossRatios) {
  Sampler quarter(SamplerKind::kTraceIdRatio, 0.25);
  Sampler half(SamplerKind::kTraceIdRatio, 0.5);
  int kept_quarter = 0, kept_half = 0;
  constexpr int kIds = 20000;
  for (int i = 0; i < kIds; ++i) {
    std::string id = NewTraceId();
    bool q = quarter.ShouldSample(id, false, false);
    bool h = half.ShouldSample(id, false, false);
    // A trace kept at a lower ratio is kept at any higher one.
    if (q) {
      EXPECT_TRUE(h) << id;
    }
    kept_quarter += q;
    kept_half += h;
  }
  EXPECT_NEAR(kept_quarter / double{kIds}, 0.25, 0.02);
  EXPECT_NEAR(kept_half / double{kIds}, 0.5, 0.02);
}

TEST(SamplerTest, MalformedTraceIdIsNotSampledByRatio) {
  Sampler half(SamplerKind::kTraceIdRatio, 0.5);
  EXPECT_FALSE(half.ShouldSample("abc", false, false));
}

}  // namespace
}  // namespace literllm
