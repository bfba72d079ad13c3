#include "service/tracing/call_spans.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "providers/http/provider_failure.h"

namespace literllm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const AttributeValue* Find(const Span& span, absl::string_view key) {
  for (const Attribute& a : span.attributes) {
    if (a.key == key) return &a.value;
  }
  return nullptr;
}

template <typename T>
T Get(const Span& span, absl::string_view key) {
  const AttributeValue* value = Find(span, key);
  if (value == nullptr || !std::holds_alternative<T>(*value)) {
    ADD_FAILURE() << "no " << key << " of the expected type";
    return T();
  }
  return std::get<T>(*value);
}

// A streamed call from a caller's trace that answered on its second
// attempt, after a rate limit.
class CallSpansTest : public ::testing::Test {
 protected:
  CallSpansTest() {
    context_.front = Front::kOpenAiHttp;
    context_.stream = true;
    context_.trace.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    context_.trace.parent_span_id = "00f067aa0ba902b7";
    context_.trace.span_id = "1111111111111111";
    context_.trace.sampled = true;
    context_.trace.tracestate = "vendor=x";
    auto caller = std::make_shared<Caller>();
    caller->name = "team-a";
    context_.caller = caller;
    context_.caller_key = "sk-secret-never-on-a-span";

    request_.set_model("openai/gpt-4o");
    request_.set_temperature(0.5);
    request_.set_max_tokens(100);
    request_.set_top_p(0.9);
    request_.set_seed(7);
    request_.add_stop("END");
    request_.set_n(2);
    auto* m = request_.add_messages();
    m->set_role("user");
    m->set_content("Hi there");

    start_ = absl::FromUnixSeconds(1700000000);
    outcome_.context = &context_;
    outcome_.request = &request_;
    outcome_.model = "openai/gpt-4o";
    outcome_.provider = "openai";
    outcome_.deployment = "openai/gpt-4o";
    outcome_.admitted = true;
    outcome_.attempts = 2;
    outcome_.start = start_;
    outcome_.latency = absl::Milliseconds(900);
    outcome_.time_to_first_token = absl::Milliseconds(250);
    v1::Usage usage;
    usage.set_prompt_tokens(12);
    usage.set_completion_tokens(5);
    usage.mutable_prompt_tokens_details()->set_cached_tokens(4);
    outcome_.usage = usage;
    outcome_.cost_usd = 0.000123;
    outcome_.response_id = "chatcmpl-1";
    outcome_.response_model = "gpt-4o-2024-08-06";
    outcome_.finish_reasons = {"stop"};
    outcome_.completion_text = "Hello!";

    AttemptRecord& first = outcome_.attempt_log.emplace_back();
    first.provider = "openai";
    first.deployment = "openai/gpt-4o";
    first.server_address = "api.openai.com";
    first.server_port = 443;
    first.http_status = 429;
    first.status =
        ProviderFailure(FailureKind::kRateLimited, "openai", "slow down");
    first.start = start_ + absl::Milliseconds(10);
    first.end = start_ + absl::Milliseconds(100);
    first.span_id = "2222222222222222";
    AttemptRecord& second = outcome_.attempt_log.emplace_back(first);
    second.http_status = 200;
    second.status = absl::OkStatus();
    second.start = start_ + absl::Milliseconds(300);
    second.end = start_ + absl::Milliseconds(890);
    second.span_id = "3333333333333333";
  }

  std::vector<Span> Spans() { return CallSpans(outcome_, names_); }

  CallContext context_;
  v1::ChatCompletionRequest request_;
  absl::Time start_;
  CallOutcome outcome_;
  GenAiProviderNames names_;
};

TEST_F(CallSpansTest, ServerSpanJoinsTheCallersTrace) {
  std::vector<Span> spans = Spans();
  ASSERT_EQ(spans.size(), 3u);
  const Span& server = spans[0];
  EXPECT_EQ(server.name, "chat openai/gpt-4o");
  EXPECT_EQ(server.kind, SpanKind::kServer);
  EXPECT_EQ(server.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(server.span_id, "1111111111111111");
  EXPECT_EQ(server.parent_span_id, "00f067aa0ba902b7");
  EXPECT_TRUE(server.parent_is_remote);
  EXPECT_EQ(server.trace_state, "vendor=x");
  EXPECT_EQ(server.start, start_);
  EXPECT_EQ(server.end, start_ + absl::Milliseconds(900));
  EXPECT_EQ(server.status, SpanStatus::kUnset);
}

TEST_F(CallSpansTest, ServerSpanHasTheGenAiAttributes) {
  Span server = Spans()[0];
  EXPECT_EQ(Get<std::string>(server, "gen_ai.operation.name"), "chat");
  EXPECT_EQ(Get<std::string>(server, "gen_ai.provider.name"), "openai");
  EXPECT_EQ(Get<std::string>(server, "gen_ai.request.model"), "openai/gpt-4o");
  EXPECT_EQ(Get<std::string>(server, "gen_ai.response.model"),
            "gpt-4o-2024-08-06");
  EXPECT_EQ(Get<std::string>(server, "gen_ai.response.id"), "chatcmpl-1");
  EXPECT_THAT(
      Get<std::vector<std::string>>(server, "gen_ai.response.finish_reasons"),
      ElementsAre("stop"));
  EXPECT_EQ(Get<int64_t>(server, "gen_ai.usage.input_tokens"), 12);
  EXPECT_EQ(Get<int64_t>(server, "gen_ai.usage.output_tokens"), 5);
  EXPECT_EQ(Get<int64_t>(server, "gen_ai.usage.cache_read.input_tokens"), 4);
  EXPECT_EQ(Find(server, "gen_ai.usage.cache_creation.input_tokens"), nullptr);
  EXPECT_DOUBLE_EQ(Get<double>(server, "gen_ai.usage.cost"), 0.000123);
  EXPECT_DOUBLE_EQ(Get<double>(server, "gen_ai.request.temperature"), 0.5);
  EXPECT_DOUBLE_EQ(Get<double>(server, "gen_ai.request.top_p"), 0.9);
  EXPECT_EQ(Get<int64_t>(server, "gen_ai.request.max_tokens"), 100);
  EXPECT_EQ(Get<int64_t>(server, "gen_ai.request.seed"), 7);
  EXPECT_EQ(Get<int64_t>(server, "gen_ai.request.choice.count"), 2);
  EXPECT_THAT(
      Get<std::vector<std::string>>(server, "gen_ai.request.stop_sequences"),
      ElementsAre("END"));
  EXPECT_EQ(Find(server, "gen_ai.request.presence_penalty"), nullptr);
  EXPECT_DOUBLE_EQ(Get<double>(server, "gen_ai.response.time_to_first_chunk"),
                   0.25);
  EXPECT_EQ(Get<std::string>(server, "server.address"), "api.openai.com");
  EXPECT_EQ(Get<int64_t>(server, "server.port"), 443);
  EXPECT_EQ(Get<std::string>(server, "literllm.front"), "openai");
  EXPECT_EQ(Get<std::string>(server, "literllm.caller"), "team-a");
  EXPECT_EQ(Get<std::string>(server, "literllm.deployment"), "openai/gpt-4o");
  EXPECT_EQ(Get<int64_t>(server, "literllm.attempts"), 2);
  EXPECT_TRUE(Get<bool>(server, "literllm.stream"));
  // Content only when asked for; key material never.
  EXPECT_EQ(Find(server, "gen_ai.input.messages"), nullptr);
  EXPECT_EQ(Find(server, "gen_ai.output.messages"), nullptr);
  for (const Attribute& a : server.attributes) {
    if (const auto* text = std::get_if<std::string>(&a.value)) {
      EXPECT_THAT(*text, ::testing::Not(HasSubstr("sk-secret"))) << a.key;
    }
  }
}

TEST_F(CallSpansTest, AttemptSpansAreClientChildrenWithTheUpstreamIds) {
  std::vector<Span> spans = Spans();
  const Span& first = spans[1];
  const Span& second = spans[2];
  for (const Span* s : {&first, &second}) {
    EXPECT_EQ(s->kind, SpanKind::kClient);
    EXPECT_EQ(s->trace_id, spans[0].trace_id);
    EXPECT_EQ(s->parent_span_id, spans[0].span_id);
    EXPECT_FALSE(s->parent_is_remote);
    EXPECT_EQ(s->name, "chat gpt-4o");
    EXPECT_EQ(Get<std::string>(*s, "http.request.method"), "POST");
    EXPECT_EQ(Get<std::string>(*s, "server.address"), "api.openai.com");
    EXPECT_EQ(Get<std::string>(*s, "gen_ai.provider.name"), "openai");
    EXPECT_EQ(Get<std::string>(*s, "gen_ai.request.model"), "gpt-4o");
  }
  EXPECT_EQ(first.span_id, "2222222222222222");
  EXPECT_EQ(second.span_id, "3333333333333333");
  EXPECT_EQ(Get<int64_t>(first, "literllm.attempt"), 1);
  EXPECT_EQ(Get<int64_t>(second, "literllm.attempt"), 2);
  EXPECT_EQ(Get<int64_t>(first, "http.response.status_code"), 429);
  EXPECT_EQ(Get<std::string>(first, "error.type"), "rate_limited");
  EXPECT_EQ(first.status, SpanStatus::kError);
  EXPECT_THAT(first.status_message, HasSubstr("slow down"));
  EXPECT_EQ(first.start, start_ + absl::Milliseconds(10));
  EXPECT_EQ(first.end, start_ + absl::Milliseconds(100));
  EXPECT_EQ(Find(second, "error.type"), nullptr);
  EXPECT_EQ(second.status, SpanStatus::kUnset);
}

TEST_F(CallSpansTest, FailedCallCarriesTheCodeNameAndMessage) {
  outcome_.status = absl::UnavailableError("openai: overloaded");
  outcome_.attempt_log.back().status =
      ProviderFailure(FailureKind::kServerError, "openai", "overloaded");
  outcome_.attempt_log.back().http_status = 503;
  std::vector<Span> spans = Spans();
  EXPECT_EQ(Get<std::string>(spans[0], "error.type"), "UNAVAILABLE");
  EXPECT_EQ(spans[0].status, SpanStatus::kError);
  EXPECT_EQ(spans[0].status_message, "openai: overloaded");
  EXPECT_EQ(Get<std::string>(spans[2], "error.type"), "server_error");
}

TEST_F(CallSpansTest, RejectedCallHasOnlyItsServerSpan) {
  outcome_ = CallOutcome();
  outcome_.context = &context_;
  outcome_.request = &request_;
  outcome_.model = "openai/gpt-4o";
  outcome_.start = start_;
  outcome_.status = absl::UnauthenticatedError("unknown caller key");
  context_.caller = nullptr;
  std::vector<Span> spans = Spans();
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(Get<std::string>(spans[0], "error.type"), "UNAUTHENTICATED");
  EXPECT_EQ(Find(spans[0], "gen_ai.provider.name"), nullptr);
  EXPECT_EQ(Find(spans[0], "literllm.caller"), nullptr);
  EXPECT_EQ(Find(spans[0], "server.address"), nullptr);
}

TEST_F(CallSpansTest, ContentIsRecordedWhenCaptureIsOn) {
  context_.capture_content = true;
  Span server = Spans()[0];
  EXPECT_EQ(
      Get<std::string>(server, "gen_ai.input.messages"),
      R"([{"role":"user","parts":[{"type":"text","content":"Hi there"}]}])");
  EXPECT_EQ(
      Get<std::string>(server, "gen_ai.output.messages"),
      R"([{"role":"assistant","parts":[{"type":"text","content":"Hello!"}],)"
      R"("finish_reason":"stop"}])");
}

TEST_F(CallSpansTest, ProviderNamesFollowTheConventions) {
  outcome_.provider = "gemini";
  outcome_.attempt_log.back().provider = "azure";
  std::vector<Span> spans = Spans();
  EXPECT_EQ(Get<std::string>(spans[0], "gen_ai.provider.name"), "gcp.gemini");
  EXPECT_EQ(Get<std::string>(spans[2], "gen_ai.provider.name"),
            "azure.ai.openai");
  EXPECT_EQ(GenAiProviderName("xai"), "x_ai");
  EXPECT_EQ(GenAiProviderName("mistral"), "mistral_ai");
  EXPECT_EQ(GenAiProviderName("together"), "together");
}

TEST_F(CallSpansTest, UnaryCallsHaveNoTimeToFirstChunk) {
  context_.stream = false;
  Span server = Spans()[0];
  EXPECT_EQ(Find(server, "gen_ai.response.time_to_first_chunk"), nullptr);
  EXPECT_FALSE(Get<bool>(server, "literllm.stream"));
}

}  // namespace
}  // namespace literllm
