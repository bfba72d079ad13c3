#include "service/call/call_context.h"

#include "gtest/gtest.h"

namespace literllm {
namespace {

TEST(CallContextTest, ReadsTheCallerKeyAndTraceFromMetadata) {
  CallContext call = CallContextFromMetadata(
      Front::kOpenAiHttp, true,
      {{"authorization", "Bearer  sk-caller "},
       {"traceparent",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
       {"tracestate", "vendor=1"},
       {"literllm-max-retries", "0"}});
  EXPECT_EQ(call.front, Front::kOpenAiHttp);
  EXPECT_TRUE(call.stream);
  EXPECT_EQ(call.caller_key, "sk-caller");
  EXPECT_EQ(call.trace.trace_id, "0af7651916cd43dd8448eb211c80319c");
  EXPECT_EQ(call.trace.parent_span_id, "b7ad6b7169203331");
  EXPECT_TRUE(call.trace.sampled);
  EXPECT_EQ(call.trace.tracestate, "vendor=1");
  EXPECT_TRUE(call.trace.span_id.empty());
  EXPECT_EQ(call.Metadata("literllm-max-retries"), "0");
  EXPECT_EQ(call.deadline, absl::InfiniteFuture());
}

TEST(CallContextTest, OtherSchemesAreNoKeyAndXApiKeyIsOne) {
  EXPECT_EQ(CallContextFromMetadata(Front::kGrpc, false,
                                    {{"authorization", "Basic dXNlcg=="}})
                .caller_key,
            "");
  EXPECT_EQ(CallContextFromMetadata(Front::kGrpc, false,
                                    {{"authorization", "bearer k1"}})
                .caller_key,
            "k1");
  EXPECT_EQ(CallContextFromMetadata(Front::kAnthropicHttp, false,
                                    {{"x-api-key", "k2"}})
                .caller_key,
            "k2");
}

}  // namespace
}  // namespace literllm
