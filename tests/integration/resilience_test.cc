// Retries, fallbacks, per-call retry settings and deadlines through the real
// server, against fake providers that fail by script: the exact number of
// upstream attempts, the model that answered, the final status, and that a
// stream already started is never replayed.
#include <atomic>
#include <deque>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/integration/gateway_fixture.h"

namespace literllm::testing {
namespace {

using Step = std::function<void(ResponseWriter&)>;

Step Fail(int status, FakeHeaders headers = {}) {
  return [status, headers](ResponseWriter& w) {
    w.SendJson(
        status,
        R"({"error":{"message":"scripted failure","type":"server_error"}})",
        headers);
  };
}
Step Answer(const std::string& text) {
  return [text](ResponseWriter& w) { w.SendJson(200, OpenAiCompletion(text)); };
}
Step Reset() {
  return [](ResponseWriter& w) { w.ResetConnection(); };
}
Step SlowAnswer(absl::Duration delay) {
  return [delay](ResponseWriter& w) {
    if (w.Sleep(delay)) w.SendJson(200, OpenAiCompletion("late"));
  };
}

// Per provider path prefix, the steps to play in order; the last one repeats.
class Script {
 public:
  void Set(const std::string& prefix, std::vector<Step> steps) {
    std::lock_guard<std::mutex> lock(mu_);
    steps_[prefix] = std::deque<Step>(steps.begin(), steps.end());
  }
  void Play(const RecordedRequest& request, ResponseWriter& writer) {
    Step step = Answer("default");
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto& [prefix, steps] : steps_) {
        if (!absl::StartsWith(request.path, prefix) || steps.empty()) continue;
        step = steps.front();
        if (steps.size() > 1) steps.pop_front();
      }
    }
    step(writer);
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::deque<Step>> steps_;
};

constexpr char kConfig[] = R"(
aliases:
  smart: [openai/gpt-4o, groq/llama-3.3-70b-versatile]
retries:
  max_retries: 2
  max_retries_limit: 4
  initial_backoff: 20ms
  max_backoff: 200ms
)";

class ResilienceTest : public ProviderTest {
 protected:
  ResilienceTest()
      : ProviderTest([this](const RecordedRequest& r,
                            ResponseWriter& w) { script_.Play(r, w); },
                     OpenAiAndGroqEnvironment, kTestKey, ConfigArgs(kConfig)) {}

  int RequestsTo(absl::string_view prefix) const {
    int n = 0;
    for (const RecordedRequest& r : upstream_.requests()) {
      n += absl::StartsWith(r.path, prefix);
    }
    return n;
  }

  static std::string Hello(const std::string& model,
                           const std::string& extra = "") {
    return absl::StrCat(R"({"model":")", model,
                        R"(","messages":[{"role":"user","content":"Hi"}])",
                        extra, "}");
  }

  Script script_;
};

TEST_F(ResilienceTest, TransientFailuresAreRetriedUntilAnAnswer) {
  script_.Set("/openai/", {Fail(503), Fail(502), Answer("third time")});
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(Hello("openai/gpt-4o"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.choices(0).message().content(), "third time");
  EXPECT_EQ(RequestsTo("/openai/"), 3);
}

TEST_F(ResilienceTest, ClientErrorsAreNeverRetried) {
  for (int code : {400, 401, 403, 404}) {
    script_.Set("/openai/", {Fail(code)});
    int before = upstream_.request_count();
    v1::ChatCompletionResponse response;
    grpc::Status status = Chat(Hello("openai/gpt-4o"), &response);
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(upstream_.request_count(), before + 1) << code;
  }
}

TEST_F(ResilienceTest, RetriesStopAfterMaxRetriesWithTheLastError) {
  script_.Set("/openai/", {Fail(500)});
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(Hello("openai/gpt-4o"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(absl::StartsWith(status.error_message(), "openai: "));
  EXPECT_EQ(RequestsTo("/openai/"), 3);  // the first attempt and 2 retries
}

TEST_F(ResilienceTest, RetryAfterIsHonoured) {
  script_.Set("/openai/",
              {Fail(429, {{"Retry-After", "1"}}), Answer("after the pause")});
  absl::Time start = absl::Now();
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(Hello("openai/gpt-4o"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_GE(absl::Now() - start, absl::Seconds(1));
  EXPECT_EQ(RequestsTo("/openai/"), 2);
}

TEST_F(ResilienceTest, RateLimitResetHeadersAreHonouredToo) {
  for (const auto& [header, value] :
       std::vector<std::pair<std::string, std::string>>{
           {"retry-after-ms", "600"}, {"x-ratelimit-reset-tokens", "600ms"}}) {
    script_.Set("/openai/", {Fail(429, {{header, value}}), Answer("ok")});
    absl::Time start = absl::Now();
    v1::ChatCompletionResponse response;
    grpc::Status status = Chat(Hello("openai/gpt-4o"), &response);
    ASSERT_TRUE(status.ok()) << header << ": " << status.error_message();
    EXPECT_GE(absl::Now() - start, absl::Milliseconds(600)) << header;
  }
  EXPECT_EQ(RequestsTo("/openai/"), 4);
}

TEST_F(ResilienceTest, AttemptTimeoutFromMetadata) {
  script_.Set("/openai/", {SlowAnswer(absl::Seconds(5)), Answer("second")});
  auto context = Context();
  context->AddMetadata("literllm-attempt-timeout", "300ms");
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(Hello("openai/gpt-4o"), &response, context.get());
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.choices(0).message().content(), "second");
  EXPECT_EQ(RequestsTo("/openai/"), 2);

  auto bad = Context();
  bad->AddMetadata("literllm-attempt-timeout", "1h");
  status = Chat(Hello("openai/gpt-4o"), &response, bad.get());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "attempt_timeout: 1h is not above 0 and at most 10m");
}

TEST_F(ResilienceTest, PerCallRetriesFromTheRequestOrMetadataWithinTheLimit) {
  script_.Set("/openai/", {Fail(503)});
  v1::ChatCompletionResponse response;
  EXPECT_FALSE(
      Chat(Hello("openai/gpt-4o", R"(,"max_retries":0)"), &response).ok());
  EXPECT_EQ(RequestsTo("/openai/"), 1);

  auto context = Context();
  context->AddMetadata("literllm-max-retries", "1");
  EXPECT_FALSE(Chat(Hello("openai/gpt-4o"), &response, context.get()).ok());
  EXPECT_EQ(RequestsTo("/openai/"), 3);

  grpc::Status too_many =
      Chat(Hello("openai/gpt-4o", R"(,"max_retries":9)"), &response);
  EXPECT_EQ(too_many.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(too_many.error_message(), "max_retries: 9 is not from 0 to 4");
  EXPECT_EQ(RequestsTo("/openai/"), 3);
}

TEST_F(ResilienceTest, FallbackModelAnswersWhenTheFirstStaysDown) {
  script_.Set("/openai/", {Fail(503)});
  script_.Set("/groq/", {Answer("from groq")});
  v1::ChatCompletionResponse response;
  grpc::Status status =
      Chat(Hello("openai/gpt-4o",
                 R"(,"fallbacks":["groq/llama-3.3-70b-versatile"])"),
           &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.provider(), "groq");
  EXPECT_EQ(response.choices(0).message().content(), "from groq");
  EXPECT_EQ(RequestsTo("/openai/"), 3);
  EXPECT_EQ(RequestsTo("/groq/"), 1);
  EXPECT_TRUE(absl::StrContains(upstream_.requests().back().body,
                                R"("model":"llama-3.3-70b-versatile")"));
}

TEST_F(ResilienceTest, AliasChainsFallBackInOrder) {
  script_.Set("/openai/", {Fail(429)});
  script_.Set("/groq/", {Answer("second in the chain")});
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(Hello("smart"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.provider(), "groq");
  EXPECT_EQ(RequestsTo("/openai/"), 3);
}

TEST_F(ResilienceTest, ClientErrorsDoNotFallBack) {
  script_.Set("/openai/", {Fail(400)});
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(Hello("smart"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(RequestsTo("/groq/"), 0);
}

TEST_F(ResilienceTest, ResetConnectionsAndSlowFirstBytesAreRetried) {
  script_.Set("/openai/",
              {Reset(), SlowAnswer(absl::Seconds(5)), Answer("third")});
  absl::Time start = absl::Now();
  v1::ChatCompletionResponse response;
  grpc::Status status =
      Chat(Hello("openai/gpt-4o", R"(,"attempt_timeout":"0.3s")"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.choices(0).message().content(), "third");
  EXPECT_EQ(RequestsTo("/openai/"), 3);
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
}

TEST_F(ResilienceTest, NoCallOutlivesItsDeadline) {
  script_.Set("/openai/", {Fail(503, {{"Retry-After", "0.4"}})});
  auto context = Context(absl::Seconds(1));
  absl::Time start = absl::Now();
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(Hello("openai/gpt-4o", R"(,"max_retries":4)"),
                             &response, context.get());
  absl::Duration took = absl::Now() - start;
  EXPECT_FALSE(status.ok());
  EXPECT_LT(took, absl::Milliseconds(1500));
  // 0s, 0.4s, 0.8s; a fourth attempt would start past the deadline.
  absl::SleepFor(absl::Milliseconds(500));
  EXPECT_EQ(RequestsTo("/openai/"), 3);
}

TEST_F(ResilienceTest, CancellingDuringABackoffStopsEveryAttempt) {
  script_.Set("/openai/", {Fail(503, {{"Retry-After", "5"}})});
  auto context = Context();
  std::thread canceller([&] {
    upstream_.WaitForRequests(1, absl::Seconds(5));
    absl::SleepFor(absl::Milliseconds(200));
    context->TryCancel();
  });
  absl::Time start = absl::Now();
  v1::ChatCompletionResponse response;
  grpc::Status status = Chat(Hello("openai/gpt-4o"), &response, context.get());
  canceller.join();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(RequestsTo("/openai/"), 1);
}

std::string SseBody(const std::vector<std::string>& events) {
  std::string body;
  for (const std::string& event : events) body += event;
  return body;
}

TEST_F(ResilienceTest, StreamsRetryOnlyBeforeTheFirstChunk) {
  std::string stream = SseBody(TextStream({"Hel", "lo"}));
  script_.Set("/openai/",
              {Fail(503), [stream](ResponseWriter& w) {
                 w.SendHead(200, {{"Content-Type", "text/event-stream"}});
                 w.Write(stream);
                 w.CloseConnection();
               }});
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(Hello("openai/gpt-4o"), &chunks);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StreamedText(chunks), "Hello");
  EXPECT_EQ(RequestsTo("/openai/"), 2);

  // Cut after the first chunk reached the caller: never replayed.
  std::string first = ChunkEvent(
      R"([{"index":0,"delta":{"role":"assistant","content":"Hel"}}])");
  script_.Set("/openai/", {[first](ResponseWriter& w) {
                w.SendHead(200, {{"Content-Type", "text/event-stream"}});
                w.Write(first);
                w.Sleep(absl::Milliseconds(100));
                w.ResetConnection();
              }});
  chunks.clear();
  status = Stream(Hello("openai/gpt-4o"), &chunks);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_EQ(StreamedText(chunks), "Hel");
  EXPECT_EQ(RequestsTo("/openai/"), 3);
}

TEST_F(ResilienceTest, StreamsFallBackBeforeTheFirstChunk) {
  script_.Set("/openai/", {Fail(529)});
  script_.Set("/groq/", {[](ResponseWriter& w) {
                w.SendHead(200, {{"Content-Type", "text/event-stream"}});
                w.Write(SseBody(TextStream({"from ", "groq"})));
                w.CloseConnection();
              }});
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status = Stream(Hello("smart"), &chunks);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(StreamedText(chunks), "from groq");
  EXPECT_EQ(chunks.back().provider(), "groq");
  EXPECT_EQ(RequestsTo("/openai/"), 3);
}

// A few thousand calls through a 30% failure mix: every call ends, with an
// answer or a precise status, and none is lost.
TEST_F(ResilienceTest, SoakThroughAThirtyPercentFailureMix) {
  std::atomic<int> seq{0};
  upstream_.set_handler([&seq](const RecordedRequest&, ResponseWriter& w) {
    int n = seq.fetch_add(1);
    switch (std::hash<int>()(n * 7919) % 10) {
      case 0:
        w.SendJson(503, R"({"error":{"message":"overloaded"}})");
        return;
      case 1:
        w.SendJson(429, R"({"error":{"message":"slow down"}})",
                   {{"Retry-After", "0"}});
        return;
      case 2:
        w.ResetConnection();
        return;
      default:
        w.SendJson(200, OpenAiCompletion("ok"));
    }
  });
  constexpr int kCalls = 2000;
  constexpr int kThreads = 16;
  std::atomic<int> ok{0}, unavailable{0}, exhausted{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      auto stub = server_.NewStub();
      for (int i = 0; i < kCalls / kThreads; ++i) {
        auto context = Context();
        v1::ChatCompletionResponse response;
        grpc::Status status = stub->Chat(
            context.get(), Request(Hello("openai/gpt-4o")), &response);
        if (status.ok() && response.choices(0).message().content() == "ok") {
          ++ok;
        } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
          ++unavailable;
        } else if (status.error_code() ==
                   grpc::StatusCode::RESOURCE_EXHAUSTED) {
          ++exhausted;
        } else {
          ++other;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok + unavailable + exhausted + other, kCalls);
  EXPECT_EQ(other, 0);
  // 3 attempts each: about 0.3^3 = 2.7% of calls may fail.
  EXPECT_GT(ok, kCalls * 9 / 10);
  std::cout << "soak: " << ok << " ok, " << unavailable << " unavailable, "
            << exhausted << " exhausted, " << seq.load()
            << " upstream attempts\n";
}

}  // namespace
}  // namespace literllm::testing
