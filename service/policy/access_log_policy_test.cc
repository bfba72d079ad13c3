#include "service/policy/access_log_policy.h"

#include <simdjson.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

constexpr char kCallerKey[] = "sk-caller-NeverLogThisKey0123456789";

// A streamed, traced call of key "team-a" that succeeded on its second
// attempt, with usage and a cost.
CallOutcome StreamedOutcome(CallContext& context) {
  context.front = Front::kOpenAiHttp;
  context.stream = true;
  context.caller_key = kCallerKey;
  auto caller = std::make_shared<Caller>();
  caller->name = "team-a";
  context.caller = caller;
  context.trace.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  CallOutcome outcome;
  outcome.context = &context;
  outcome.model = "smart";
  outcome.provider = "anthropic";
  outcome.deployment = "anthropic/claude-sonnet-4-5";
  outcome.status = absl::OkStatus();
  outcome.admitted = true;
  outcome.attempts = 2;
  outcome.latency = absl::Microseconds(1234567);
  outcome.time_to_first_token = absl::Microseconds(250500);
  v1::Usage usage;
  usage.set_prompt_tokens(12);
  usage.set_completion_tokens(5);
  outcome.usage = usage;
  outcome.cost_usd = 0.000125;
  outcome.completion_text = "the answer, never logged";
  return outcome;
}

const absl::Time kEnd = absl::FromUnixMillis(1767225600123);  // 2026-01-01

// The line parsed back; fails the test when it is not one JSON object.
simdjson::dom::element Parse(simdjson::dom::parser& parser,
                             const std::string& line) {
  simdjson::dom::element doc;
  EXPECT_EQ(parser.parse(line).get(doc), simdjson::SUCCESS) << line;
  EXPECT_TRUE(doc.is_object()) << line;
  return doc;
}

std::string Str(simdjson::dom::element doc, const char* name) {
  std::string_view value;
  EXPECT_EQ(doc[name].get_string().get(value), simdjson::SUCCESS) << name;
  return std::string(value);
}

bool IsNull(simdjson::dom::element doc, const char* name) {
  simdjson::dom::element value;
  return doc[name].get(value) == simdjson::SUCCESS && value.is_null();
}

TEST(AccessLogPolicyTest, OneLineWithEveryField) {
  CallContext context;
  std::string line = AccessLogLineOf(StreamedOutcome(context), kEnd);
  EXPECT_EQ(
      line,
      R"({"level":"info","msg":"access","time":"2026-01-01T00:00:00.123Z",)"
      R"("trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","front":"openai",)"
      R"("method":"ChatStream","key":"team-a","model":"smart",)"
      R"("provider":"anthropic","deployment":"anthropic/claude-sonnet-4-5",)"
      R"("status":"OK","latency_ms":1234.567,"ttft_ms":250.500,"attempts":2,)"
      R"("prompt_tokens":12,"completion_tokens":5,"cost_usd":0.000125})");
  simdjson::dom::parser parser;
  simdjson::dom::element doc = Parse(parser, line);
  double latency = 0, cost = 0;
  ASSERT_EQ(doc["latency_ms"].get_double().get(latency), simdjson::SUCCESS);
  EXPECT_DOUBLE_EQ(latency, 1234.567);
  ASSERT_EQ(doc["cost_usd"].get_double().get(cost), simdjson::SUCCESS);
  EXPECT_DOUBLE_EQ(cost, 0.000125);
}

TEST(AccessLogPolicyTest, UnknownValuesAreNullAndNoKeyIsAnonymous) {
  // A unary gRPC call rejected before any upstream attempt: no trace, no
  // caller key, no target, no answer.
  CallContext context;
  CallOutcome outcome;
  outcome.context = &context;
  outcome.model = "openai/gpt-4o";
  outcome.status = absl::InvalidArgumentError("messages: at least one");
  outcome.latency = absl::Milliseconds(2);
  simdjson::dom::parser parser;
  std::string line = AccessLogLineOf(outcome, kEnd);
  simdjson::dom::element doc = Parse(parser, line);
  EXPECT_EQ(Str(doc, "front"), "grpc");
  EXPECT_EQ(Str(doc, "method"), "Chat");
  EXPECT_EQ(Str(doc, "key"), "anonymous");
  EXPECT_EQ(Str(doc, "status"), "INVALID_ARGUMENT");
  for (const char* name : {"trace_id", "provider", "deployment", "ttft_ms",
                           "prompt_tokens", "completion_tokens", "cost_usd"}) {
    EXPECT_TRUE(IsNull(doc, name)) << name << " in " << line;
  }
  int64_t attempts = -1;
  ASSERT_EQ(doc["attempts"].get_int64().get(attempts), simdjson::SUCCESS);
  EXPECT_EQ(attempts, 0);
  // The status message may echo what the caller sent: only the code.
  EXPECT_FALSE(absl::StrContains(line, "at least one")) << line;
}

TEST(AccessLogPolicyTest, OddModelNamesStayOneValidLine) {
  simdjson::dom::parser parser;
  for (const std::string& model :
       {std::string("a\"},\"key\":\"master"), std::string("line\nbreak\r"),
        std::string("tab\tnul\0x", 10), std::string("\\u0000\\"),
        std::string("mod\u00e8le-\U0001F916"), std::string("bad\xff\xfe")}) {
    CallContext context;
    CallOutcome outcome = StreamedOutcome(context);
    outcome.model = model;
    std::string line = AccessLogLineOf(outcome, kEnd);
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    simdjson::dom::element doc = Parse(parser, line);
    if (model != "bad\xff\xfe") {
      EXPECT_EQ(Str(doc, "model"), model) << line;
    } else {
      EXPECT_EQ(Str(doc, "model"), "bad\uFFFD\uFFFD") << line;
    }
    EXPECT_EQ(Str(doc, "key"), "team-a") << line;
  }
}

TEST(AccessLogPolicyTest, LongModelNamesAreCut) {
  CallContext context;
  CallOutcome outcome = StreamedOutcome(context);
  outcome.model = std::string(100000, 'm');
  simdjson::dom::parser parser;
  std::string line = AccessLogLineOf(outcome, kEnd);
  EXPECT_EQ(Str(Parse(parser, line), "model"),
            std::string(kAccessLogMaxModelBytes, 'm'));
  EXPECT_LT(line.size(), 1024u);
}

TEST(AccessLogPolicyTest, NeverKeyMaterialOrContent) {
  CallContext context;
  std::string line = AccessLogLineOf(StreamedOutcome(context), kEnd);
  EXPECT_FALSE(absl::StrContains(line, kCallerKey)) << line;
  EXPECT_FALSE(absl::StrContains(line, "never logged")) << line;
}

TEST(AccessLogPolicyTest, WritesOneLinePerFinishedCall) {
  const std::string path =
      absl::StrCat(::testing::TempDir(), "access_log_policy_test.log");
  std::remove(path.c_str());
  AccessLog log;
  ASSERT_TRUE(log.Start(path).ok());
  AccessLogPolicy policy(log);
  CallContext stream_context, unary_context;
  policy.Finished(StreamedOutcome(stream_context));
  CallOutcome unary = StreamedOutcome(unary_context);
  unary_context.stream = false;
  policy.Finished(unary);
  log.Stop();
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 2u);
  simdjson::dom::parser parser;
  EXPECT_EQ(Str(Parse(parser, lines[0]), "method"), "ChatStream");
  EXPECT_EQ(Str(Parse(parser, lines[1]), "method"), "Chat");
}

}  // namespace
}  // namespace literllm
