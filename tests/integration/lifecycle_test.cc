// Health, reflection, graceful shutdown and the threading model of the real
// server binary.
#include <signal.h>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "tests/integration/gateway_fixture.h"

namespace literllm::testing {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

constexpr char kHello[] =
    R"({"model":"openai/gpt-4o","messages":[{"role":"user","content":"Hello!"}]})";

HealthCheckResponse::ServingStatus Health(const ServerProcess& server,
                                          const std::string& service = "") {
  auto stub = grpc::health::v1::Health::NewStub(server.NewChannel());
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  grpc::Status status = stub->Check(&context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response.status();
}

TEST_F(GatewayTest, HealthIsServing) {
  EXPECT_EQ(Health(server_), HealthCheckResponse::SERVING);
  EXPECT_EQ(Health(server_, "literllm.v1.LlmService"),
            HealthCheckResponse::SERVING);
}

TEST_F(GatewayTest, ReflectionListsAndDescribesServices) {
  using namespace grpc::reflection::v1alpha;
  auto stub = ServerReflection::NewStub(server_.NewChannel());
  grpc::ClientContext context;
  auto stream = stub->ServerReflectionInfo(&context);
  ServerReflectionRequest list;
  list.set_list_services("");
  ASSERT_TRUE(stream->Write(list));
  ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  std::vector<std::string> names;
  for (const auto& s : response.list_services_response().service()) {
    names.push_back(s.name());
  }
  EXPECT_THAT(names, ::testing::IsSupersetOf(
                         {"literllm.v1.LlmService", "grpc.health.v1.Health"}));
  for (const char* symbol :
       {"grpc.health.v1.Health", "literllm.v1.LlmService"}) {
    ServerReflectionRequest describe;
    describe.set_file_containing_symbol(symbol);
    ASSERT_TRUE(stream->Write(describe));
    ASSERT_TRUE(stream->Read(&response));
    EXPECT_GT(response.file_descriptor_response().file_descriptor_proto_size(),
              0)
        << symbol << ": " << response.error_response().error_message();
  }
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(GatewayTest, SigtermDrainsInFlightStreamAndExitsZero) {
  upstream_.set_handler(
      SseHandler(TextStream({"one ", "two ", "three ", "four ", "five"}),
                 absl::Milliseconds(200)));
  // A health watcher sees NOT_SERVING as soon as shutdown begins.
  auto health = grpc::health::v1::Health::NewStub(server_.NewChannel());
  grpc::ClientContext watch_context;
  HealthCheckRequest watch_request;
  auto watch = health->Watch(&watch_context, watch_request);
  HealthCheckResponse watched;
  ASSERT_TRUE(watch->Read(&watched));
  EXPECT_EQ(watched.status(), HealthCheckResponse::SERVING);

  auto context = Context(absl::Seconds(30));
  auto reader = stub_->ChatStream(context.get(), Request(kHello));
  std::vector<v1::ChatCompletionChunk> chunks(1);
  ASSERT_TRUE(reader->Read(&chunks[0]));
  server_.Signal(SIGTERM);

  ASSERT_TRUE(watch->Read(&watched));
  EXPECT_EQ(watched.status(), HealthCheckResponse::NOT_SERVING);

  // New calls are refused while the old one drains.
  absl::SleepFor(absl::Milliseconds(100));
  v1::ChatCompletionResponse refused;
  auto new_context = Context(absl::Seconds(2));
  EXPECT_EQ(server_.NewStub()
                ->Chat(new_context.get(), Request(kHello), &refused)
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);

  v1::ChatCompletionChunk chunk;
  while (reader->Read(&chunk)) chunks.push_back(chunk);
  grpc::Status status = reader->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StreamedText(chunks), "one two three four five");
  watch_context.TryCancel();
  EXPECT_EQ(server_.WaitForExit(absl::Seconds(10)), 0);
  std::vector<std::string> logs = server_.Logs();
  ASSERT_FALSE(logs.empty());
  EXPECT_TRUE(absl::StrContains(logs.back(), R"("chat_calls":"OK=1")"))
      << logs.back();
}

TEST(ShutdownTest, GracePeriodBoundsTheDrain) {
  FakeHttpServer upstream(
      SseHandler(TextStream(std::vector<std::string>(100, "tok ")),
                 absl::Milliseconds(100)));
  ServerProcess server(
      ServerProcess::Env{{"OPENAI_API_KEY", kTestKey},
                         {"OPENAI_BASE_URL", upstream.base_url() + "/v1"}},
      {"--shutdown_grace=1s"});
  auto stub = server.NewStub();
  grpc::ClientContext context;
  auto reader = stub->ChatStream(&context, GatewayTest::Request(kHello));
  v1::ChatCompletionChunk chunk;
  ASSERT_TRUE(reader->Read(&chunk));
  absl::Time start = absl::Now();
  server.Signal(SIGTERM);
  while (reader->Read(&chunk)) {
  }
  EXPECT_FALSE(reader->Finish().ok());
  EXPECT_EQ(server.WaitForExit(absl::Seconds(10)), 0);
  EXPECT_LT(absl::Now() - start, absl::Seconds(8));
  EXPECT_TRUE(upstream.WaitForPeerCloses(1, absl::Seconds(5)));
}

TEST_F(GatewayTest, ThousandSlowStreamsDoNotAddThreads) {
  upstream_.set_handler(SseHandler(TextStream({"a", "b", "c", "d", "e", "f"}),
                                   absl::Milliseconds(500)));
  {
    // Warm up with as many connections as below: every lazily created thread
    // of gRPC (its timer threads grow with connections' keepalive and age
    // timers) and of the transport exists.
    ConcurrentStreams warmup(server_, Request(kHello), 50, 10);
    ASSERT_EQ(warmup.WaitAll(absl::Seconds(60)), 50);
  }
  int threads_before = server_.ThreadCount();
  long rss_before = server_.RssKib();
  ConcurrentStreams streams(server_, Request(kHello), 1000, 10);
  ASSERT_TRUE(upstream_.WaitForRequests(50 + 1000, absl::Seconds(60)));
  int threads_during = server_.ThreadCount();
  long rss_during = server_.RssKib();
  EXPECT_EQ(streams.WaitAll(absl::Seconds(120)), 1000);
  EXPECT_EQ(streams.CountWithText("abcdef"), 1000);
  EXPECT_LE(threads_during, threads_before)
      << "threads grew from " << threads_before << " to " << threads_during;
  std::printf(
      "threads: %d before, %d with 1000 streams; RSS %ld KiB -> %ld KiB\n",
      threads_before, threads_during, rss_before, rss_during);
}

}  // namespace
}  // namespace literllm::testing

namespace literllm::testing {
namespace {

TEST(ServerLimitsTest, MaxCallDurationBoundsCallsWithoutDeadline) {
  FakeHttpServer upstream([](const RecordedRequest&, ResponseWriter& w) {
    w.WaitForPeerClose(absl::Seconds(20));
  });
  ServerProcess server(
      ServerProcess::Env{{"OPENAI_API_KEY", kTestKey},
                         {"OPENAI_BASE_URL", upstream.base_url() + "/v1"}},
      {"--max_call_duration=500ms"});
  grpc::ClientContext context;  // no deadline
  v1::ChatCompletionResponse response;
  absl::Time start = absl::Now();
  grpc::Status status =
      server.NewStub()->Chat(&context, GatewayTest::Request(kHello), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
      << status.error_message();
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
  EXPECT_TRUE(upstream.WaitForPeerCloses(1, absl::Seconds(5)));
}

TEST(ServerLimitsTest, BadDurationStopsTheServerAtStart) {
  ServerProcess server(ServerProcess::Env{}, {"--shutdown_grace=soon"});
  EXPECT_EQ(server.WaitForExit(absl::Seconds(10)), 2);
  bool named = false;
  for (const auto& line : server.Logs()) {
    named |= absl::StrContains(line, "LITERLLM_SHUTDOWN_GRACE");
  }
  EXPECT_TRUE(named);
}

TEST(ServerLimitsTest, ConnectionsAgeOutSoClientsRebalance) {
  ServerProcess server(ServerProcess::Env{}, {"--max_connection_age=1s",
                                              "--max_connection_age_grace=1s"});
  std::shared_ptr<grpc::Channel> channel = server.NewChannel();
  ASSERT_TRUE(channel->WaitForConnected(
      absl::ToChronoTime(absl::Now() + absl::Seconds(5))));
  // The server's GOAWAY after about a second (±10% jitter) takes the
  // channel out of READY; a client then reconnects, possibly elsewhere.
  bool left_ready = channel->WaitForStateChange(
      GRPC_CHANNEL_READY, absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  EXPECT_TRUE(left_ready);
  EXPECT_NE(channel->GetState(false), GRPC_CHANNEL_READY);
}

TEST(ServerLimitsTest, MessagesOverTheSizeLimitAreRefused) {
  ServerProcess server(ServerProcess::Env{{"OPENAI_API_KEY", kTestKey}},
                       {"--max_message_size=4096"});
  v1::ChatCompletionRequest request = GatewayTest::Request(kHello);
  request.mutable_messages(0)->set_content(std::string(8192, 'x'));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  v1::ChatCompletionResponse response;
  grpc::Status status = server.NewStub()->Chat(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << status.error_message();
}

TEST(ServerLimitsTest, BadSizeStopsTheServerAtStart) {
  ServerProcess server(ServerProcess::Env{{"LITERLLM_MAX_MESSAGE_SIZE", "-1"}});
  EXPECT_EQ(server.WaitForExit(absl::Seconds(10)), 2);
}

}  // namespace
}  // namespace literllm::testing
