// The access log of the real server: one JSON line per finished call
// (unary, streamed, refused, failed upstream, over gRPC and HTTP) with the
// fields docs/operations.md lists, in a file (--access_log=PATH), on stdout
// by default, or nowhere; the caller key's name, never key material.
#include <simdjson.h>
#include <stdlib.h>

#include <csignal>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fake_http/test_http_client.h"
#include "tests/integration/caller_keys_fixture.h"
#include "tests/integration/gateway_fixture.h"

namespace literllm::testing {
namespace {

using ::testing::MatchesRegex;
using ::testing::Not;

constexpr char kHello[] =
    R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hi"}]})";
constexpr char kTraceId[] = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr char kFieldOrder[] =
    "level,msg,time,trace_id,front,method,key,model,provider,deployment,"
    "status,latency_ms,ttft_ms,attempts,prompt_tokens,completion_tokens,"
    "cost_usd";

// One access-log line: each field's value as text (strings unquoted, null
// as "null"), and the field names in order.
struct Line {
  std::map<std::string, std::string> fields;
  std::string order;
  const std::string& operator[](const std::string& name) const {
    static const std::string kMissing = "<missing>";
    auto it = fields.find(name);
    return it == fields.end() ? kMissing : it->second;
  }
};

// Parses `text` as one flat JSON object; fails the test when it is not.
Line Parse(const std::string& text) {
  Line line;
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  EXPECT_EQ(parser.parse(text).get(object), simdjson::SUCCESS) << text;
  for (auto [key, value] : object) {
    std::string name(key);
    absl::StrAppend(&line.order, line.order.empty() ? "" : ",", name);
    if (value.is_null()) {
      line.fields[name] = "null";
    } else if (value.is_string()) {
      line.fields[name] = std::string(value.get_string().value());
    } else if (value.is_int64()) {
      line.fields[name] = absl::StrCat(value.get_int64().value());
    } else if (value.is_double()) {
      line.fields[name] = absl::StrCat(value.get_double().value());
    } else {
      ADD_FAILURE() << name << " is not a string, number or null: " << text;
    }
  }
  return line;
}

// Each (field, value) of `expected` holds in `line`.
void ExpectFields(const Line& line,
                  const std::map<std::string, std::string>& expected) {
  for (const auto& [name, value] : expected) {
    EXPECT_EQ(line[name], value) << name;
  }
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<Line> AccessLines(const std::vector<std::string>& stdout_lines) {
  std::vector<Line> lines;
  for (const std::string& text : stdout_lines) {
    if (absl::StrContains(text, R"("msg":"access")")) {
      lines.push_back(Parse(text));
    }
  }
  return lines;
}

std::string NewLogPath() {
  std::string dir = ::testing::TempDir() + "literllm-access-XXXXXX";
  EXPECT_NE(mkdtemp(dir.data()), nullptr);
  return dir + "/access.log";
}

// The fake OpenAI: 503 for model gpt-broken, a stream when asked, else an
// answer.
Handler OpenAiByRequest() {
  Handler answer = JsonHandler(200, OpenAiCompletion("Hello!"));
  Handler stream = SseHandler(TextStream({"Hel", "lo"}));
  Handler broken =
      JsonHandler(503, OpenAiError("overloaded", "server_error", "overloaded"));
  return [=](const RecordedRequest& request, ResponseWriter& writer) {
    if (absl::StrContains(request.body, "gpt-broken")) {
      broken(request, writer);
    } else if (absl::StrContains(request.body, R"("stream":true)")) {
      stream(request, writer);
    } else {
      answer(request, writer);
    }
  };
}

ServerProcess::Env OpenAiEnv(const std::string& url) {
  return {{"OPENAI_API_KEY", kTestKey}, {"OPENAI_BASE_URL", url + "/v1"}};
}

// The server in front of the fake OpenAI, started with `args`.
class AccessLogServerTest : public ProviderTest {
 protected:
  explicit AccessLogServerTest(std::vector<std::string> args)
      : ProviderTest(OpenAiByRequest(), OpenAiEnv, kTestKey,
                     [args](const std::string&) { return args; }) {}

  // A unary call, a streamed one (with a traceparent), one refused by
  // validation, one failed upstream, and one over HTTP: in this order.
  void MakeOneCallOfEachKind() {
    v1::ChatCompletionResponse response;
    EXPECT_TRUE(Chat(kHello, &response).ok());

    std::vector<v1::ChatCompletionChunk> chunks;
    auto traced = Context();
    traced->AddMetadata("traceparent",
                        absl::StrCat("00-", kTraceId, "-00f067aa0ba902b7-01"));
    EXPECT_TRUE(Stream(kHello, &chunks, traced.get()).ok());

    EXPECT_EQ(Chat(R"({"model":"openai/gpt-4o","messages":[]})", &response)
                  .error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);

    auto no_retries = Context();
    no_retries->AddMetadata("literllm-max-retries", "0");
    EXPECT_EQ(Chat(R"({"model":"openai/gpt-broken",)"
                   R"("messages":[{"role":"user","content":"Hi"}]})",
                   &response, no_retries.get())
                  .error_code(),
              grpc::StatusCode::UNAVAILABLE);

    CURL* easy = curl_easy_init();
    CurlResult http = CurlFetch(
        easy,
        absl::StrCat("http://127.0.0.1:", server_.http_port(),
                     "/v1/chat/completions"),
        {.post_body = kHello, .headers = {"Content-Type: application/json"}});
    curl_easy_cleanup(easy);
    EXPECT_EQ(http.status, 200) << http.body;
  }

  // SIGTERM, and a clean exit: the access log is drained by then. The
  // client's connection goes first: the server would wait for it to close.
  void Stop() {
    stub_.reset();
    server_.Signal(SIGTERM);
    ASSERT_EQ(server_.WaitForExit(absl::Seconds(20)), 0);
  }
};

class AccessLogFileTest : public AccessLogServerTest {
 protected:
  AccessLogFileTest() : AccessLogFileTest(NewLogPath()) {}
  explicit AccessLogFileTest(std::string path)
      : AccessLogServerTest({"--access_log=" + path}), path_(std::move(path)) {}
  const std::string path_;
};

TEST_F(AccessLogFileTest, OneLinePerCallWithEveryField) {
  MakeOneCallOfEachKind();
  Stop();
  std::vector<std::string> texts = ReadLines(path_);
  ASSERT_EQ(texts.size(), 5u) << absl::StrJoin(texts, "\n");
  std::vector<Line> lines;
  for (const std::string& text : texts) {
    EXPECT_FALSE(absl::StrContains(text, kTestKey)) << text;
    EXPECT_FALSE(absl::StrContains(text, "Hello")) << "content: " << text;
    lines.push_back(Parse(text));
    EXPECT_EQ(lines.back().order, kFieldOrder) << text;
    EXPECT_THAT(lines.back()["time"],
                MatchesRegex(R"(20[0-9][0-9]-[01][0-9]-[0-3][0-9]T)"
                             R"([0-2][0-9]:[0-5][0-9]:[0-6][0-9]\.[0-9]{3}Z)"));
    EXPECT_EQ(lines.back()["key"], "anonymous");
    EXPECT_NE(lines.back()["latency_ms"], "null");
  }

  ExpectFields(lines[0], {{"front", "grpc"},
                          {"method", "Chat"},
                          {"model", "openai/gpt-4o"},
                          {"provider", "openai"},
                          {"deployment", "openai/gpt-4o"},
                          {"status", "OK"},
                          {"attempts", "1"},
                          {"prompt_tokens", "12"},
                          {"completion_tokens", "5"}});
  EXPECT_NE(lines[0]["cost_usd"], "null");
  EXPECT_NE(lines[0]["ttft_ms"], "null");
  ExpectFields(lines[1], {{"method", "ChatStream"},
                          {"trace_id", kTraceId},
                          {"status", "OK"},
                          {"prompt_tokens", "9"},
                          {"completion_tokens", "3"}});
  EXPECT_NE(lines[1]["ttft_ms"], "null");
  // Refused by validation: never routed, no answer.
  ExpectFields(lines[2], {{"status", "INVALID_ARGUMENT"},
                          {"attempts", "0"},
                          {"provider", "null"},
                          {"deployment", "null"},
                          {"ttft_ms", "null"},
                          {"prompt_tokens", "null"},
                          {"completion_tokens", "null"},
                          {"cost_usd", "null"}});
  ExpectFields(lines[3], {{"model", "openai/gpt-broken"},
                          {"status", "UNAVAILABLE"},
                          {"provider", "openai"},
                          {"attempts", "1"},
                          {"prompt_tokens", "null"},
                          {"cost_usd", "null"}});
  ExpectFields(lines[4],
               {{"front", "openai"}, {"method", "Chat"}, {"status", "OK"}});

  // None of it on stdout.
  EXPECT_THAT(
      server_.Logs(),
      Not(::testing::Contains(::testing::HasSubstr(R"("msg":"access")"))));
}

class AccessLogStdoutTest : public AccessLogServerTest {
 protected:
  AccessLogStdoutTest() : AccessLogServerTest({}) {}
};

TEST_F(AccessLogStdoutTest, GoesToStdoutByDefaultWithinAFlush) {
  v1::ChatCompletionResponse response;
  ASSERT_TRUE(Chat(kHello, &response).ok());
  // Flushed within the interval, while the server runs.
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (AccessLines(server_.Logs()).empty() && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_EQ(AccessLines(server_.Logs()).size(), 1u);
  MakeOneCallOfEachKind();
  Stop();
  std::vector<std::string> logs = server_.Logs();
  EXPECT_EQ(AccessLines(logs).size(), 6u);
  // Every stdout line is whole JSON: server lines and access lines never mix.
  simdjson::dom::parser parser;
  for (const std::string& text : logs) {
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS) << text;
  }
  ASSERT_FALSE(logs.empty());
  EXPECT_TRUE(absl::StrContains(logs.back(), R"("msg":"stopped")"));
  EXPECT_TRUE(absl::StrContains(logs.back(), R"("access_log_dropped":"0")"))
      << logs.back();
}

class AccessLogOffTest : public AccessLogServerTest {
 protected:
  AccessLogOffTest() : AccessLogServerTest({"--access_log=off"}) {}
};

TEST_F(AccessLogOffTest, OffWritesNothing) {
  MakeOneCallOfEachKind();
  Stop();
  EXPECT_TRUE(AccessLines(server_.Logs()).empty());
}

// With caller keys (and Redis): the key's name, never the key, also for a
// key the gateway refuses.
class AccessLogCallerKeysTest : public CallerKeysTest {};

TEST_F(AccessLogCallerKeysTest, NamesTheKeyAndNeverItsMaterial) {
  const std::string path = NewLogPath();
  // By environment this time, as a Deployment sets it.
  StartReplicas(1, kStaticKeysConfig, {{"LITERLLM_ACCESS_LOG", path}});
  ASSERT_FALSE(HasFatalFailure());
  constexpr char kWrongKey[] = "sk-wrong-NeverLeakThisOneEither0123456";
  EXPECT_TRUE(Chat(0, kTeamAKey).ok());
  EXPECT_TRUE(Chat(0, kMasterKey).ok());
  EXPECT_EQ(Chat(0, kWrongKey).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Stream(0, kTeamAKey).ok());
  EXPECT_EQ(HttpChat(0, kTeamAKey).status, 200);
  llm_.clear();  // the clients' connections close: a quick drain
  admin_.clear();
  replica(0).Signal(SIGTERM);
  ASSERT_EQ(replica(0).WaitForExit(absl::Seconds(20)), 0);

  std::vector<std::string> texts = ReadLines(path);
  ASSERT_EQ(texts.size(), 5u) << absl::StrJoin(texts, "\n");
  std::vector<std::string> keys, statuses;
  for (const std::string& text : texts) {
    for (const char* secret :
         {kTeamAKey, kMasterKey, kWrongKey, kGroqKey, kTestKey}) {
      EXPECT_FALSE(absl::StrContains(text, secret)) << text;
    }
    Line line = Parse(text);
    keys.push_back(line["key"]);
    statuses.push_back(line["status"]);
  }
  EXPECT_THAT(keys, ::testing::ElementsAre("team-a", "master", "anonymous",
                                           "team-a", "team-a"));
  EXPECT_THAT(statuses, ::testing::ElementsAre("OK", "OK", "UNAUTHENTICATED",
                                               "OK", "OK"));
  EXPECT_EQ(Parse(texts[4])["front"], "openai");
}

}  // namespace
}  // namespace literllm::testing
