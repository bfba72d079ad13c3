#include "service/http/gateway_routes.h"

#include <memory>
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::HasSubstr;

// Keeps the one answer it was given.
class RecordingResponder final : public HttpResponder {
 public:
  void Respond(int status, absl::string_view content_type, std::string body,
               HttpHeaderList headers) override {
    this->status = status;
    this->content_type = std::string(content_type);
    this->body = std::move(body);
    this->headers = std::move(headers);
  }
  void StartStream(int, absl::string_view, std::string,
                   std::function<void(bool)>) override {}
  void Write(std::string, std::function<void(bool)>) override {}
  void EndStream(std::string) override {}
  void OnClientGone(std::function<void()>) override {}

  int status = 0;
  std::string content_type;
  std::string body;
  HttpHeaderList headers;
};

// Answers 299 with its name and the target it got.
class NamedFront final : public HttpHandler {
 public:
  explicit NamedFront(std::string name) : name_(std::move(name)) {}
  void Handle(HttpRequestData request,
              std::shared_ptr<HttpResponder> responder) override {
    responder->Respond(299, "text/plain", name_ + " " + request.target);
  }

 private:
  std::string name_;
};

class GatewayRoutesTest : public ::testing::Test {
 protected:
  GatewayRoutesTest() : routes_(registry_, [this] { return ready_; }) {
    registry_.AddCounter("x_total", "X.", {}).With({}).Add(3);
  }

  std::shared_ptr<RecordingResponder> Get(const std::string& target,
                                          const std::string& method = "GET") {
    auto responder = std::make_shared<RecordingResponder>();
    routes_.Handle(HttpRequestData{method, target, {}, ""}, responder);
    return responder;
  }

  MetricsRegistry registry_;
  bool ready_ = true;
  GatewayRoutes routes_;
};

TEST_F(GatewayRoutesTest, MetricsPageInPrometheusTextFormat) {
  auto answer = Get("/metrics");
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_THAT(answer->body, HasSubstr("# TYPE x_total counter\nx_total 3\n"));
  EXPECT_EQ(Get("/metrics?debug=1")->status, 200);
}

TEST_F(GatewayRoutesTest, HealthAndReadiness) {
  EXPECT_EQ(Get("/healthz")->status, 200);
  EXPECT_EQ(Get("/readyz")->status, 200);
  ready_ = false;
  EXPECT_EQ(Get("/healthz")->status, 200);
  auto draining = Get("/readyz");
  EXPECT_EQ(draining->status, 503);
  EXPECT_EQ(draining->body, "draining\n");
}

TEST_F(GatewayRoutesTest, OwnPathsAreGetOnly) {
  for (const char* path : {"/metrics", "/healthz", "/readyz"}) {
    auto answer = Get(path, "POST");
    EXPECT_EQ(answer->status, 405) << path;
    ASSERT_EQ(answer->headers.size(), 1);
    EXPECT_EQ(answer->headers[0].first, "allow");
  }
}

TEST_F(GatewayRoutesTest, FrontsByLongestPrefix) {
  NamedFront openai("openai"), anthropic("anthropic");
  routes_.AddFront("", openai);
  routes_.AddFront("/v1/messages", anthropic);
  EXPECT_EQ(Get("/v1/chat/completions")->body, "openai /v1/chat/completions");
  EXPECT_EQ(Get("/v1/messages")->body, "anthropic /v1/messages");
  EXPECT_EQ(Get("/v1/messages/count_tokens?x=1")->body,
            "anthropic /v1/messages/count_tokens?x=1");
  // A prefix matches whole path segments only.
  EXPECT_EQ(Get("/v1/messagesx")->body, "openai /v1/messagesx");
  EXPECT_EQ(Get("/nothing")->status, 299);
  EXPECT_EQ(Get("/metrics")->status, 200);
}

TEST_F(GatewayRoutesTest, NoFrontNoRoute) {
  NamedFront anthropic("anthropic");
  routes_.AddFront("/v1/messages", anthropic);
  EXPECT_EQ(Get("/v1/chat/completions")->status, 404);
}

}  // namespace
}  // namespace literllm
