#include "tests/fake_http/fake_http_server.h"

#include <curl/curl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/fake_http/request_reader.h"
#include "tests/fake_http/test_http_client.h"

namespace literllm::testing {
namespace {

using EasyHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

EasyHandle NewEasy() {
  return EasyHandle(curl_easy_init(), &curl_easy_cleanup);
}

const std::vector<std::string>& ThreeEvents() {
  static const auto* events = new std::vector<std::string>{
      "data: {\"content\":\"h\xC3\xA9llo\"}\n\n",
      "event: delta\ndata: {\"content\":\" \xF0\x9F\x8E\x89\"}\n\n",
      "data: [DONE]\n\n"};
  return *events;
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string all;
  for (const std::string& p : parts) all += p;
  return all;
}

TEST(FakeHttpServerTest, JsonResponsesReuseOneConnection) {
  FakeHttpServer server(JsonHandler(200, R"({"ok":true})", {{"X-Id", "7"}}));
  EasyHandle easy = NewEasy();
  CurlOptions post;
  post.post_body = R"({"model":"m"})";
  post.headers = {"Authorization: Bearer k"};
  CurlResult first = CurlFetch(
      easy.get(), server.base_url() + "/v1/chat/completions?alt=sse", post);
  CurlResult second = CurlFetch(easy.get(), server.base_url() + "/v1/models");

  for (const CurlResult& r : {first, second}) {
    EXPECT_EQ(r.code, CURLE_OK);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "application/json");
    EXPECT_EQ(r.body, R"({"ok":true})");
  }
  EXPECT_EQ(server.connections_accepted(), 1);
  ASSERT_EQ(server.request_count(), 2);
  const std::vector<RecordedRequest> requests = server.requests();
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/v1/chat/completions?alt=sse");
  EXPECT_EQ(requests[0].Header("authorization"), "Bearer k");
  EXPECT_EQ(requests[0].body, R"({"model":"m"})");
  EXPECT_EQ(requests[1].method, "GET");
  EXPECT_EQ(requests[1].path, "/v1/models");
  EXPECT_EQ(requests[1].Header("Authorization"), "");
  EXPECT_EQ(server.peer_closes_during_response(), 0);
}

TEST(FakeHttpServerTest, ChunkedSseStreamThenConnectionReuse) {
  FakeHttpServer server(SseHandler(ThreeEvents(), absl::Milliseconds(20)));
  EasyHandle easy = NewEasy();
  for (int i = 0; i < 2; ++i) {
    CurlResult r = CurlFetch(easy.get(), server.base_url() + "/stream");
    EXPECT_EQ(r.code, CURLE_OK);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "text/event-stream");
    EXPECT_EQ(r.body, Joined(ThreeEvents()));
  }
  EXPECT_EQ(server.connections_accepted(), 1);
  EXPECT_EQ(server.peer_closes_during_response(), 0);
}

TEST(FakeHttpServerTest, CutStreamFailsTheClientAndDropsTheConnection) {
  FakeHttpServer server(SseHandler(ThreeEvents(), absl::ZeroDuration(),
                                   /*close_before_end=*/true));
  EasyHandle easy = NewEasy();
  for (int i = 0; i < 2; ++i) {
    CurlResult r = CurlFetch(easy.get(), server.base_url() + "/stream");
    EXPECT_EQ(r.code, CURLE_PARTIAL_FILE) << curl_easy_strerror(r.code);
    EXPECT_EQ(r.body, Joined(ThreeEvents()));
  }
  EXPECT_EQ(server.connections_accepted(), 2);
  EXPECT_EQ(server.peer_closes_during_response(), 0);
}

TEST(FakeHttpServerTest, ClientAbortDuringSleepIsCountedPromptly) {
  FakeHttpServer server(SseHandler(std::vector<std::string>(20, "data: {}\n\n"),
                                   absl::Seconds(2)));
  EasyHandle easy = NewEasy();
  CurlOptions abort_at_first_byte;
  abort_at_first_byte.abort_after_bytes = 1;
  const absl::Time start = absl::Now();
  CurlResult r =
      CurlFetch(easy.get(), server.base_url() + "/stream", abort_at_first_byte);
  EXPECT_EQ(r.code, CURLE_WRITE_ERROR);
  EXPECT_EQ(r.body, "data: {}\n\n");
  ASSERT_TRUE(server.WaitForPeerCloses(1, absl::Seconds(10)));
  // Seen during the first two-second sleep, not at the next write.
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(1500));
  EXPECT_EQ(server.peer_closes_during_response(), 1);
}

TEST(FakeHttpServerTest, WaitForPeerCloseSeesTheClientLeave) {
  std::atomic<int> result{-1};
  absl::Notification handled;
  FakeHttpServer server([&](const RecordedRequest&, ResponseWriter& w) {
    w.SendHead(200, {}, /*chunked=*/true);
    w.SendChunk("partial");
    const bool quick = w.WaitForPeerClose(absl::Milliseconds(50));
    result = w.WaitForPeerClose(absl::Seconds(10)) && !quick ? 1 : 0;
    handled.Notify();
  });
  const int fd = ConnectLoopback(server.port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(SendAll(fd, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  char buf[256];
  ASSERT_GT(recv(fd, buf, sizeof(buf), 0), 0);
  absl::SleepFor(absl::Milliseconds(100));  // past the 50 ms wait
  close(fd);
  ASSERT_TRUE(handled.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_EQ(result, 1);
  EXPECT_EQ(server.peer_closes_during_response(), 1);
}

TEST(FakeHttpServerTest, TwoHundredConcurrentConnections) {
  constexpr int kClients = 200;
  FakeHttpServer server(nullptr);
  // Answering only once every request is in proves they were all in flight
  // at the same time.
  server.set_handler([&server](const RecordedRequest& req, ResponseWriter& w) {
    const bool all_in = server.WaitForRequests(kClients, absl::Seconds(20));
    w.SendJson(all_in ? 200 : 504, req.path);
  });
  std::vector<int> fds;
  for (int i = 0; i < kClients; ++i) {
    fds.push_back(ConnectLoopback(server.port()));
    ASSERT_GE(fds.back(), 0);
    ASSERT_TRUE(
        SendAll(fds.back(), absl::StrCat("GET /", i, " HTTP/1.1\r\n\r\n")));
  }
  for (int i = 0; i < kClients; ++i) {
    const std::string response = ReadResponse(fds[i]);
    EXPECT_TRUE(absl::StartsWith(response, "HTTP/1.1 200 OK\r\n")) << response;
    EXPECT_TRUE(absl::EndsWith(response, absl::StrCat("\r\n\r\n/", i)));
    close(fds[i]);
  }
  EXPECT_EQ(server.connections_accepted(), kClients);
}

TEST(FakeHttpServerTest, StopsPromptlyWithSleepingHandlerAndIdleClients) {
  auto server = std::make_unique<FakeHttpServer>(
      [](const RecordedRequest&, ResponseWriter& w) {
        w.SendHead(200, {}, /*chunked=*/true);
        w.Sleep(absl::Minutes(10));
      });
  const int busy = ConnectLoopback(server->port());
  const int idle = ConnectLoopback(server->port());
  ASSERT_TRUE(SendAll(busy, "GET / HTTP/1.1\r\n\r\n"));
  ASSERT_TRUE(server->WaitForRequests(1, absl::Seconds(10)));
  const absl::Time start = absl::Now();
  server.reset();
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  close(busy);
  close(idle);
}

TEST(FakeHttpServerTest, AnswersExpectContinueAndRecordsTheBody) {
  FakeHttpServer server(JsonHandler(201, "{}"));
  const int fd = ConnectLoopback(server.port());
  ASSERT_TRUE(SendAll(fd,
                      "POST /upload HTTP/1.1\r\nContent-Length: 5\r\n"
                      "Expect: 100-continue\r\n\r\n"));
  const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  std::string got(kContinue.size(), '\0');
  ASSERT_EQ(recv(fd, got.data(), got.size(), MSG_WAITALL),
            static_cast<ssize_t>(got.size()));
  EXPECT_EQ(got, kContinue);
  ASSERT_TRUE(SendAll(fd, "hello"));
  EXPECT_TRUE(absl::StartsWith(ReadResponse(fd), "HTTP/1.1 201 "));
  close(fd);
  ASSERT_EQ(server.request_count(), 1);
  EXPECT_EQ(server.requests()[0].body, "hello");
}

TEST(FakeHttpServerTest, MalformedRequestGets400AndSilentHandler500) {
  FakeHttpServer server([](const RecordedRequest&, ResponseWriter&) {});
  const int bad = ConnectLoopback(server.port());
  ASSERT_TRUE(SendAll(bad, "NONSENSE\r\n\r\n"));
  EXPECT_TRUE(absl::StartsWith(ReadResponse(bad), "HTTP/1.1 400 "));
  close(bad);
  EasyHandle easy = NewEasy();
  EXPECT_EQ(CurlFetch(easy.get(), server.base_url() + "/").status, 500);
}

TEST(FakeHttpServerTest, ResetConnectionSendsRst) {
  FakeHttpServer server([](const RecordedRequest&, ResponseWriter& w) {
    w.ResetConnection();
    EXPECT_FALSE(w.Write("too late"));
  });
  EasyHandle easy = NewEasy();
  CurlResult r = CurlFetch(easy.get(), server.base_url() + "/");
  EXPECT_EQ(r.code, CURLE_RECV_ERROR) << curl_easy_strerror(r.code);
  EXPECT_EQ(server.peer_closes_during_response(), 0);
}

}  // namespace
}  // namespace literllm::testing
