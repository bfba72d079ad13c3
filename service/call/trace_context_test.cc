#include "service/call/trace_context.h"

#include "gtest/gtest.h"

namespace literllm {
namespace {

constexpr absl::string_view kTraceparent =
    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(TraceContextTest, ParsesTheCallersSpanAsParent) {
  std::optional<TraceContext> trace = ParseTraceparent(kTraceparent, "a=b");
  ASSERT_TRUE(trace.has_value());
  EXPECT_EQ(trace->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(trace->parent_span_id, "00f067aa0ba902b7");
  EXPECT_TRUE(trace->sampled);
  EXPECT_EQ(trace->tracestate, "a=b");
  EXPECT_TRUE(trace->valid());
}

TEST(TraceContextTest, UnsampledFlagIsKept) {
  std::optional<TraceContext> trace = ParseTraceparent(
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", "");
  ASSERT_TRUE(trace.has_value());
  EXPECT_FALSE(trace->sampled);
  EXPECT_EQ(FormatTraceparent(*trace, "1111111111111111"),
            "00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-00");
}

TEST(TraceContextTest, MalformedValuesAreRejected) {
  for (absl::string_view bad : {
           "",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
           "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
           "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
           "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
       }) {
    EXPECT_FALSE(ParseTraceparent(bad, "").has_value()) << bad;
  }
}

TEST(TraceContextTest, LaterVersionsMayAppendFields) {
  EXPECT_TRUE(
      ParseTraceparent(
          "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-xyz", "")
          .has_value());
}

TEST(TraceContextTest, NewIdsAreHexOfTheRightLengthAndDiffer) {
  std::string trace = NewTraceId();
  std::string span = NewSpanId();
  EXPECT_EQ(trace.size(), 32u);
  EXPECT_EQ(span.size(), 16u);
  EXPECT_EQ(trace.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(NewSpanId(), span);
  EXPECT_TRUE(
      ParseTraceparent(
          FormatTraceparent(TraceContext{trace, "", "", true, ""}, span), "")
          .has_value());
}

}  // namespace
}  // namespace literllm
