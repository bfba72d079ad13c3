#include "providers/http/curl_transport.h"

#include <string>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "tests/fake_http/fake_http_server.h"

namespace literllm {
namespace {

using ::literllm::testing::FakeHttpServer;
using ::literllm::testing::JsonHandler;
using ::literllm::testing::RecordedRequest;
using ::literllm::testing::ResponseWriter;
using ::literllm::testing::SseHandler;

// Collects one transfer's answer; optionally refuses bytes to test pausing.
class Collector : public HttpResponseHandler {
 public:
  void OnHead(const HttpResponseHead& head) override { head_ = head; }
  BodyAction OnBody(absl::string_view bytes) override {
    if (pause_next_) {
      pause_next_ = false;
      ++pauses_;
      return BodyAction::kPause;
    }
    body_.append(bytes.data(), bytes.size());
    return abort_ ? BodyAction::kAbort : BodyAction::kContinue;
  }
  void OnComplete(absl::Status status) override {
    status_ = std::move(status);
    done_.Notify();
  }
  bool Wait() {
    return done_.WaitForNotificationWithTimeout(absl::Seconds(10));
  }

  HttpResponseHead head_;
  std::string body_;
  absl::Status status_;
  bool pause_next_ = false;
  bool abort_ = false;
  int pauses_ = 0;
  absl::Notification done_;
};

HttpRequest Post(const FakeHttpServer& server, std::string body) {
  return HttpRequest{
      server.base_url() + "/v1/chat/completions",
      {{"Authorization", "Bearer k"}, {"Content-Type", "application/json"}},
      std::move(body)};
}

TEST(CurlTransportTest, PostsAndDeliversHeadAndBody) {
  FakeHttpServer server(
      JsonHandler(200, R"({"ok":true})", {{"x-request-id", "r1"}}));
  CurlTransport transport;
  Collector c;
  transport.Start(Post(server, R"({"a":1})"), absl::InfiniteFuture(), &c);
  ASSERT_TRUE(c.Wait());
  EXPECT_TRUE(c.status_.ok()) << c.status_;
  EXPECT_EQ(c.head_.status, 200);
  EXPECT_EQ(c.head_.Header("X-Request-Id"), "r1");
  EXPECT_EQ(c.body_, R"({"ok":true})");
  RecordedRequest seen = server.requests().at(0);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.path, "/v1/chat/completions");
  EXPECT_EQ(seen.Header("authorization"), "Bearer k");
  EXPECT_EQ(seen.Header("expect"), "");
  EXPECT_EQ(seen.body, R"({"a":1})");
}

TEST(CurlTransportTest, ReusesConnections) {
  FakeHttpServer server(JsonHandler(200, "{}"));
  CurlTransport transport;
  for (int i = 0; i < 5; ++i) {
    Collector c;
    transport.Start(Post(server, "{}"), absl::InfiniteFuture(), &c);
    ASSERT_TRUE(c.Wait());
    ASSERT_TRUE(c.status_.ok()) << c.status_;
  }
  EXPECT_EQ(server.connections_accepted(), 1);
  EXPECT_EQ(transport.connections_opened(), 1);
}

TEST(CurlTransportTest, ErrorStatusWithEmptyBodyStillDeliversHead) {
  FakeHttpServer server([](const RecordedRequest&, ResponseWriter& w) {
    w.SendHead(503, {{"Content-Length", "0"}});
  });
  CurlTransport transport;
  Collector c;
  transport.Start(Post(server, "{}"), absl::InfiniteFuture(), &c);
  ASSERT_TRUE(c.Wait());
  EXPECT_TRUE(c.status_.ok());
  EXPECT_EQ(c.head_.status, 503);
}

TEST(CurlTransportTest, ConnectionRefusedIsUnavailable) {
  int port;
  {
    FakeHttpServer closed(JsonHandler(200, "{}"));
    port = closed.port();
  }
  CurlTransport transport;
  Collector c;
  transport.Start(
      HttpRequest{"http://127.0.0.1:" + std::to_string(port) + "/v1", {}, "{}"},
      absl::InfiniteFuture(), &c);
  ASSERT_TRUE(c.Wait());
  EXPECT_EQ(c.status_.code(), absl::StatusCode::kUnavailable) << c.status_;
}

TEST(CurlTransportTest, DeadlineAbortsSlowAnswer) {
  FakeHttpServer server([](const RecordedRequest&, ResponseWriter& w) {
    w.WaitForPeerClose(absl::Seconds(5));
  });
  CurlTransport transport;
  Collector c;
  transport.Start(Post(server, "{}"), absl::Now() + absl::Milliseconds(200),
                  &c);
  ASSERT_TRUE(c.Wait());
  EXPECT_EQ(c.status_.code(), absl::StatusCode::kDeadlineExceeded) << c.status_;
  EXPECT_TRUE(server.WaitForPeerCloses(1, absl::Seconds(5)));
}

TEST(CurlTransportTest, CancelClosesUpstreamConnection) {
  FakeHttpServer server(SseHandler(std::vector<std::string>(100, "data: x\n\n"),
                                   absl::Milliseconds(50)));
  CurlTransport transport;
  Collector c;
  TransferId id =
      transport.Start(Post(server, "{}"), absl::InfiniteFuture(), &c);
  ASSERT_TRUE(server.WaitForRequests(1, absl::Seconds(5)));
  transport.Cancel(id);
  ASSERT_TRUE(c.Wait());
  EXPECT_EQ(c.status_.code(), absl::StatusCode::kCancelled);
  EXPECT_TRUE(server.WaitForPeerCloses(1, absl::Seconds(5)));
  transport.Cancel(id);  // unknown by now: ignored
}

TEST(CurlTransportTest, PausedBytesComeAgainAfterResume) {
  FakeHttpServer server(SseHandler({"data: 1\n\n", "data: 2\n\n"}));
  CurlTransport transport;
  Collector c;
  c.pause_next_ = true;
  TransferId id =
      transport.Start(Post(server, "{}"), absl::InfiniteFuture(), &c);
  absl::SleepFor(absl::Milliseconds(200));
  EXPECT_FALSE(c.done_.HasBeenNotified());
  transport.Resume(id);
  ASSERT_TRUE(c.Wait());
  EXPECT_TRUE(c.status_.ok()) << c.status_;
  EXPECT_EQ(c.pauses_, 1);
  EXPECT_EQ(c.body_, "data: 1\n\ndata: 2\n\n");
}

TEST(CurlTransportTest, HandlerAbortEndsTransferAsCancelled) {
  FakeHttpServer server(SseHandler(std::vector<std::string>(50, "data: x\n\n"),
                                   absl::Milliseconds(20)));
  CurlTransport transport;
  Collector c;
  c.abort_ = true;
  transport.Start(Post(server, "{}"), absl::InfiniteFuture(), &c);
  ASSERT_TRUE(c.Wait());
  EXPECT_EQ(c.status_.code(), absl::StatusCode::kCancelled);
}

TEST(CurlTransportTest, DestructionCompletesOutstandingTransfers) {
  FakeHttpServer server([](const RecordedRequest&, ResponseWriter& w) {
    w.WaitForPeerClose(absl::Seconds(5));
  });
  Collector c;
  {
    CurlTransport transport;
    transport.Start(Post(server, "{}"), absl::InfiniteFuture(), &c);
    ASSERT_TRUE(server.WaitForRequests(1, absl::Seconds(5)));
  }
  ASSERT_TRUE(c.done_.HasBeenNotified());
  EXPECT_EQ(c.status_.code(), absl::StatusCode::kCancelled);
}

TEST(CurlTransportTest, SeveralLoopsShareTransfersAndRouteCancels) {
  FakeHttpServer server([](const RecordedRequest&, ResponseWriter& w) {
    w.WaitForPeerClose(absl::Seconds(10));
  });
  CurlTransport transport(CurlTransport::Options{/*loops=*/2});
  Collector collectors[4];
  TransferId ids[4];
  for (int i = 0; i < 4; ++i) {
    ids[i] = transport.Start(Post(server, "{}"), absl::InfiniteFuture(),
                             &collectors[i]);
  }
  ASSERT_TRUE(server.WaitForRequests(4, absl::Seconds(5)));
  EXPECT_EQ(transport.connections_opened(), 0);  // counted on completion
  for (TransferId id : ids) transport.Cancel(id);
  for (auto& c : collectors) {
    ASSERT_TRUE(c.Wait());
    EXPECT_EQ(c.status_.code(), absl::StatusCode::kCancelled);
  }
  // Round-robin: consecutive transfers went to different loops.
  EXPECT_NE((ids[0] - 1) % 2, (ids[1] - 1) % 2);
  EXPECT_TRUE(server.WaitForPeerCloses(4, absl::Seconds(5)));
}

}  // namespace
}  // namespace literllm
