// The OpenAI-compatible HTTP front of the real server, over real sockets:
// answers and streams in OpenAI's shapes, provider failures with the HTTP
// status OpenAI's SDKs expect, streams that end in an error event rather
// than a silent [DONE], a client that disconnects cancelling the upstream,
// slow readers, the body limit, and draining on SIGTERM. (The official
// SDKs run against the same front in tests/http/.)
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fake_http/test_http_client.h"
#include "tests/integration/gateway_fixture.h"

namespace literllm::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kChat[] =
    R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hi"}]})";
constexpr char kStream[] =
    R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hi"}],)"
    R"("stream":true,"stream_options":{"include_usage":true}})";

struct HttpAnswer {
  int status = 0;
  std::string head;
  std::string body;  // de-chunked
};

// A raw HTTP/1.1 exchange on its own connection; `read_delay` between reads
// makes a slow reader.
class RawHttp {
 public:
  explicit RawHttp(int port) : fd_(ConnectLoopback(port)) {}
  ~RawHttp() { Close(); }
  void Close() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

  bool Send(const std::string& method, const std::string& path,
            const std::string& body, const std::string& headers = "") {
    std::string request = absl::StrCat(
        method, " ", path, " HTTP/1.1\r\nHost: literllm\r\n", headers,
        body.empty() ? "" : "Content-Type: application/json\r\n",
        "Content-Length: ", body.size(), "\r\n\r\n", body);
    return send(fd_, request.data(), request.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(request.size());
  }

  // Reads until `text` arrived (or to EOF); what arrived so far.
  std::string ReadUntil(absl::string_view text) {
    while (!absl::StrContains(raw_, text) && Fill(absl::ZeroDuration())) {
    }
    return raw_;
  }

  // Reads one whole response (Content-Length or chunked).
  HttpAnswer Read(absl::Duration read_delay = absl::ZeroDuration()) {
    HttpAnswer answer;
    while (raw_.find("\r\n\r\n") == std::string::npos && Fill(read_delay)) {
    }
    size_t head_end = raw_.find("\r\n\r\n");
    if (head_end == std::string::npos) return answer;
    answer.head = raw_.substr(0, head_end);
    absl::SimpleAtoi(answer.head.substr(9, 3), &answer.status);
    std::string rest = raw_.substr(head_end + 4);
    if (absl::StrContains(absl::AsciiStrToLower(answer.head),
                          "transfer-encoding: chunked")) {
      answer.body = Dechunk(rest, read_delay);
    } else {
      size_t length = 0;
      size_t at = absl::AsciiStrToLower(answer.head).find("content-length: ");
      if (at != std::string::npos) {
        absl::SimpleAtoi(
            answer.head.substr(at + 16, answer.head.find('\r', at) - at - 16),
            &length);
      }
      raw_ = rest;
      while (raw_.size() < length && Fill(read_delay)) {
      }
      answer.body = raw_.substr(0, length);
      raw_.erase(0, length);  // what follows belongs to the next answer
    }
    return answer;
  }

 private:
  bool Fill(absl::Duration delay) {
    absl::SleepFor(delay);
    char buffer[512];
    ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    if (n <= 0) return false;
    raw_.append(buffer, n);
    return true;
  }

  std::string Dechunk(std::string rest, absl::Duration delay) {
    raw_ = std::move(rest);
    std::string body;
    while (true) {
      size_t eol;
      while ((eol = raw_.find("\r\n")) == std::string::npos && Fill(delay)) {
      }
      if (eol == std::string::npos) return body;
      size_t size = std::stoul(raw_.substr(0, eol), nullptr, 16);
      while (raw_.size() < eol + 2 + size + 2 && Fill(delay)) {
      }
      if (raw_.size() < eol + 2 + size + 2) return body;
      body += raw_.substr(eol + 2, size);
      raw_.erase(0, eol + 2 + size + 2);
      if (size == 0) return body;
    }
  }

  int fd_;
  std::string raw_;
};

// The data of every SSE event in `body`.
std::vector<std::string> Events(const std::string& body) {
  std::vector<std::string> events;
  for (absl::string_view part : absl::StrSplit(body, "\n\n")) {
    if (absl::ConsumePrefix(&part, "data: ")) events.emplace_back(part);
  }
  return events;
}

class OpenAiHttpTest : public GatewayTest {
 protected:
  HttpAnswer Call(const std::string& method, const std::string& path,
                  const std::string& body = "",
                  const std::string& headers = "") {
    RawHttp http(server_.http_port());
    EXPECT_TRUE(http.Send(method, path, body, headers));
    return http.Read();
  }
};

TEST_F(OpenAiHttpTest, ChatAnswersAChatCompletion) {
  HttpAnswer answer = Call("POST", "/v1/chat/completions", kChat);
  EXPECT_EQ(answer.status, 200) << answer.body;
  EXPECT_THAT(answer.head, HasSubstr("Content-Type: application/json"));
  EXPECT_THAT(answer.body, HasSubstr(R"("object":"chat.completion")"));
  EXPECT_THAT(answer.body, HasSubstr(R"("content":"Hello!")"));
  EXPECT_THAT(answer.body, HasSubstr(R"("provider":"openai")"));
  // Through the same pipeline: the provider got OpenAI's body.
  EXPECT_THAT(upstream_.requests().at(0).body,
              HasSubstr(R"("model":"gpt-4o")"));
}

TEST_F(OpenAiHttpTest, StreamEndsWithUsageThenDone) {
  upstream_.set_handler(SseHandler(TextStream({"Hel", "lo"})));
  HttpAnswer answer = Call("POST", "/v1/chat/completions", kStream);
  EXPECT_EQ(answer.status, 200);
  EXPECT_THAT(answer.head, HasSubstr("Content-Type: text/event-stream"));
  std::vector<std::string> events = Events(answer.body);
  ASSERT_GE(events.size(), 3u) << answer.body;
  EXPECT_EQ(events.back(), "[DONE]");
  EXPECT_THAT(events[events.size() - 2],
              HasSubstr(R"("choices":[],"usage":{)"));
  EXPECT_THAT(events[0], HasSubstr(R"("usage":null)"));
}

TEST_F(OpenAiHttpTest, StreamWithoutIncludeUsageHasNoUsageChunk) {
  upstream_.set_handler(SseHandler(TextStream({"Hi"})));
  HttpAnswer answer = Call(
      "POST", "/v1/chat/completions",
      R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hi"}],)"
      R"("stream":true})");
  EXPECT_THAT(answer.body, Not(HasSubstr("usage")));
  EXPECT_EQ(Events(answer.body).back(), "[DONE]");
}

TEST_F(OpenAiHttpTest, FailureAfterTheFirstChunkEndsWithAnErrorEvent) {
  std::vector<std::string> events = TextStream({"partial"});
  events.resize(2);  // the role chunk, one content chunk, then the cut
  upstream_.set_handler(SseHandler(events, absl::ZeroDuration(), true));
  HttpAnswer answer = Call("POST", "/v1/chat/completions", kStream);
  EXPECT_EQ(answer.status, 200);
  std::vector<std::string> got = Events(answer.body);
  ASSERT_FALSE(got.empty());
  EXPECT_THAT(got.back(), HasSubstr(R"({"error":{"message":"openai: )"));
  EXPECT_THAT(answer.body, Not(HasSubstr("[DONE]")));
  EXPECT_THAT(answer.body, HasSubstr("partial"));
}

TEST_F(OpenAiHttpTest, ProviderFailuresKeepTheirHttpStatus) {
  struct Case {
    int upstream;
    int expected;
    const char* type;
  };
  for (const Case& c :
       {Case{400, 400, "invalid_request_error"},
        Case{401, 401, "authentication_error"},
        Case{403, 403, "permission_error"},
        Case{404, 404, "invalid_request_error"},
        Case{429, 429, "rate_limit_error"}, Case{500, 502, "api_error"}}) {
    upstream_.set_handler(JsonHandler(c.upstream,
                                      OpenAiError("upstream says no", "x", "y"),
                                      {{"retry-after", "2"}}));
    HttpAnswer answer = Call("POST", "/v1/chat/completions", kChat,
                             "literllm-max-retries: 0\r\n");
    EXPECT_EQ(answer.status, c.expected) << answer.body;
    EXPECT_THAT(answer.body,
                HasSubstr(absl::StrCat(
                    R"({"error":{"message":"openai: upstream says no)")));
    EXPECT_THAT(answer.body, HasSubstr(absl::StrCat(R"("type":")", c.type)));
    if (c.expected == 429) {
      EXPECT_THAT(answer.head, HasSubstr("retry-after: 2"));
    }
    EXPECT_THAT(answer.body, Not(HasSubstr(kTestKey)));
  }
}

TEST_F(OpenAiHttpTest, BadRequestsAndRoutes) {
  HttpAnswer not_json = Call("POST", "/v1/chat/completions", "{nope");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_THAT(not_json.body, HasSubstr("not valid JSON"));
  HttpAnswer bad_role = Call(
      "POST", "/v1/chat/completions",
      R"({"model":"openai/gpt-4o","messages":[{"role":"bot","content":"x"}]})");
  EXPECT_EQ(bad_role.status, 400);
  EXPECT_THAT(bad_role.body, HasSubstr(R"("param":"messages[0].role")"));
  EXPECT_EQ(Call("GET", "/v1/chat/completions").status, 405);
  EXPECT_EQ(Call("GET", "/v2/nothing").status, 404);
  EXPECT_EQ(Call("GET", "/healthz").status, 200);
  EXPECT_EQ(Call("GET", "/readyz").status, 200);
  EXPECT_TRUE(upstream_.requests().empty());
}

TEST_F(OpenAiHttpTest, ModelsByListAndById) {
  upstream_.set_handler(JsonHandler(
      200, R"({"object":"list","data":[{"id":"gpt-4o","object":"model",)"
           R"("created":1,"owned_by":"system"}]})"));
  HttpAnswer list = Call("GET", "/v1/models");
  EXPECT_EQ(list.status, 200);
  EXPECT_THAT(list.body,
              HasSubstr(R"({"object":"list","data":[{"id":"openai/gpt-4o")"));
  HttpAnswer encoded = Call("GET", "/v1/models/openai%2Fgpt-4o");
  EXPECT_EQ(encoded.status, 200) << encoded.body;
  EXPECT_THAT(encoded.body, HasSubstr(R"("owned_by":"openai")"));
  EXPECT_EQ(Call("GET", "/v1/models/openai/gpt-4o").status, 200);
  HttpAnswer missing = Call("GET", "/v1/models/openai%2Fnope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_THAT(missing.body, HasSubstr("model_not_found"));
}

TEST_F(OpenAiHttpTest, ClientThatDisconnectsCancelsTheUpstream) {
  upstream_.set_handler(
      SseHandler(TextStream(std::vector<std::string>(200, "tok ")),
                 absl::Milliseconds(50)));
  RawHttp http(server_.http_port());
  ASSERT_TRUE(http.Send("POST", "/v1/chat/completions", kStream));
  EXPECT_THAT(http.ReadUntil("tok"), HasSubstr("tok"));
  http.Close();
  EXPECT_TRUE(upstream_.WaitForPeerCloses(1, absl::Seconds(5)));
}

TEST_F(OpenAiHttpTest, SlowReaderGetsEveryChunkInOrder) {
  std::vector<std::string> pieces;
  for (int i = 0; i < 600; ++i) pieces.push_back(absl::StrCat(i, ","));
  upstream_.set_handler(SseHandler(TextStream(pieces)));
  RawHttp http(server_.http_port());
  ASSERT_TRUE(http.Send("POST", "/v1/chat/completions", kStream));
  HttpAnswer answer = http.Read(absl::Microseconds(300));
  std::string text;
  for (const std::string& event : Events(answer.body)) {
    size_t at = event.find(R"("content":")");
    if (at == std::string::npos) continue;
    at += 11;
    text += event.substr(at, event.find('"', at) - at);
  }
  std::string expected;
  for (const auto& p : pieces) expected += p;
  EXPECT_EQ(text, expected);
  EXPECT_EQ(Events(answer.body).back(), "[DONE]");
}

TEST_F(OpenAiHttpTest, KeepAliveServesRequestsInTurn) {
  RawHttp http(server_.http_port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(http.Send("POST", "/v1/chat/completions", kChat));
    EXPECT_EQ(http.Read().status, 200) << i;
  }
}

class OpenAiHttpLimitsTest : public ProviderTest {
 protected:
  OpenAiHttpLimitsTest()
      : ProviderTest(
            JsonHandler(200, OpenAiCompletion("Hello!")),
            [](const std::string& url) {
              return ServerProcess::Env{{"OPENAI_API_KEY", kTestKey},
                                        {"OPENAI_BASE_URL", url + "/v1"}};
            },
            kTestKey,
            [](const std::string&) {
              return std::vector<std::string>{"--http_max_body_bytes=2048",
                                              "--shutdown_grace=10s"};
            }) {}

  int Status(const std::string& path) {
    RawHttp http(server_.http_port());
    if (!http.Send("GET", path, "")) return -1;
    return http.Read().status;
  }
};

TEST_F(OpenAiHttpLimitsTest, BodyOverTheLimitIs413) {
  std::string big = absl::StrCat(
      R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":")",
      std::string(4096, 'x'), R"("}]})");
  RawHttp http(server_.http_port());
  ASSERT_TRUE(http.Send("POST", "/v1/chat/completions", big));
  HttpAnswer answer = http.Read();
  EXPECT_EQ(answer.status, 413);
  EXPECT_THAT(answer.body, HasSubstr("2048 bytes"));
  EXPECT_TRUE(upstream_.requests().empty());
}

TEST_F(OpenAiHttpLimitsTest, BodyOverTheLimitIs413InTheShapeOfItsFront) {
  const std::string big = absl::StrCat(
      R"({"model":"openai/gpt-4o","max_tokens":16,"messages":[)",
      R"({"role":"user","content":")", std::string(4096, 'x'), R"("}]})");
  RawHttp http(server_.http_port());
  ASSERT_TRUE(http.Send("POST", "/v1/messages", big));
  HttpAnswer answer = http.Read();
  EXPECT_EQ(answer.status, 413);
  // Anthropic's SDKs read {"type":"error","error":{"type":...}}.
  EXPECT_THAT(answer.body, HasSubstr(R"("type":"error")"));
  EXPECT_THAT(answer.body, HasSubstr(R"("type":"request_too_large")"));
  EXPECT_THAT(answer.body, HasSubstr("2048 bytes"));
  EXPECT_TRUE(upstream_.requests().empty());
}

TEST_F(OpenAiHttpLimitsTest, SigtermDrainsStreamsAndAnswers503ToNewWork) {
  upstream_.set_handler(
      SseHandler(TextStream(std::vector<std::string>(20, "tok ")),
                 absl::Milliseconds(50)));
  RawHttp stream(server_.http_port());
  ASSERT_TRUE(stream.Send("POST", "/v1/chat/completions", kStream));
  EXPECT_THAT(stream.ReadUntil("tok"), HasSubstr("tok"));
  server_.Signal(SIGTERM);
  absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(Status("/readyz"), 503);
  EXPECT_EQ(Status("/v1/models"), 503);
  HttpAnswer answer = stream.Read();
  EXPECT_EQ(Events(answer.body).back(), "[DONE]") << answer.body;
  EXPECT_EQ(server_.WaitForExit(absl::Seconds(15)), 0);
}

}  // namespace
}  // namespace literllm::testing
