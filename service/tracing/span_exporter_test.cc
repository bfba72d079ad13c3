#include "service/tracing/span_exporter.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "providers/http/curl_transport.h"
#include "service/call/trace_context.h"
#include "service/tracing/testing/wire_message.h"
#include "tests/fake_http/fake_http_server.h"

namespace literllm {
namespace {

using ::literllm::testing::FakeHttpServer;
using ::literllm::testing::RecordedRequest;
using ::literllm::testing::ResponseWriter;
using ::literllm::testing::SpansOf;

std::vector<Span> OneSpan(const std::string& name = "chat m") {
  Span span;
  span.trace_id = NewTraceId();
  span.span_id = NewSpanId();
  span.name = name;
  span.kind = SpanKind::kServer;
  span.start = absl::Now();
  span.end = span.start + absl::Milliseconds(5);
  std::vector<Span> spans;
  spans.push_back(std::move(span));
  return spans;
}

// A collector on loopback that answers 200, or what the test says.
class SpanExporterTest : public ::testing::Test {
 protected:
  SpanExporterTest()
      : collector_([this](const RecordedRequest& r, ResponseWriter& w) {
          Answer(r, w);
        }) {}

  SpanExporter::Options Options() {
    SpanExporter::Options options;
    options.endpoint = absl::StrCat(collector_.base_url(), "/v1/traces");
    options.headers = {{"x-api-key", "collector-secret"}};
    options.timeout = absl::Seconds(5);
    options.schedule_delay = absl::Hours(1);
    options.max_queue = 100;
    options.max_batch = 100;
    options.source.resource = {{"service.name", "literllm-test"}};
    return options;
  }

  void Answer(const RecordedRequest&, ResponseWriter& writer) {
    {
      absl::MutexLock lock(&mu_);
      arrivals_.push_back(absl::Now());
    }
    if (int64_t ms = delay_ms_.load(); ms > 0)
      writer.Sleep(absl::Milliseconds(ms));
    writer.SendJson(status_, "{}");
  }

  std::vector<absl::Time> arrivals() {
    absl::MutexLock lock(&mu_);
    return arrivals_;
  }

  // The spans of every request received so far, per request.
  std::vector<size_t> SpansPerRequest() {
    std::vector<size_t> out;
    for (const RecordedRequest& r : collector_.requests()) {
      out.push_back(SpansOf(r.body).size());
    }
    return out;
  }

  std::atomic<int> status_{200};
  std::atomic<int64_t> delay_ms_{0};
  absl::Mutex mu_;
  std::vector<absl::Time> arrivals_ ABSL_GUARDED_BY(mu_);
  FakeHttpServer collector_;
  CurlTransport transport_;
};

TEST_F(SpanExporterTest, FullBatchLeavesAtOnceAsProtobufPost) {
  SpanExporter::Options options = Options();
  options.max_batch = 3;
  SpanExporter exporter(transport_, options);
  for (int i = 0; i < 3; ++i) exporter.Export(OneSpan());
  ASSERT_TRUE(collector_.WaitForRequests(1, absl::Seconds(5)));
  RecordedRequest request = collector_.requests()[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/v1/traces");
  EXPECT_EQ(request.Header("content-type"), "application/x-protobuf");
  EXPECT_EQ(request.Header("x-api-key"), "collector-secret");
  EXPECT_EQ(SpansOf(request.body).size(), 3u);
  exporter.Shutdown(absl::Seconds(2));
  EXPECT_EQ(exporter.spans_exported(), 3u);
  EXPECT_EQ(exporter.spans_dropped(), 0u);
}

TEST_F(SpanExporterTest, SmallBatchLeavesAfterTheScheduleDelay) {
  SpanExporter::Options options = Options();
  options.schedule_delay = absl::Milliseconds(300);
  SpanExporter exporter(transport_, options);
  const absl::Time start = absl::Now();
  exporter.Export(OneSpan());
  exporter.Export(OneSpan());
  EXPECT_FALSE(collector_.WaitForRequests(1, absl::Milliseconds(150)));
  ASSERT_TRUE(collector_.WaitForRequests(1, absl::Seconds(5)));
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(250));
  EXPECT_EQ(SpansPerRequest(), std::vector<size_t>{2});
  exporter.Shutdown(absl::Seconds(2));
  EXPECT_EQ(exporter.spans_exported(), 2u);
}

TEST_F(SpanExporterTest, FullQueueDropsWholeCallsAndCountsThem) {
  SpanExporter::Options options = Options();
  options.max_queue = 4;
  SpanExporter exporter(transport_, options);
  std::vector<Span> three = OneSpan();
  three.push_back(three[0]);
  three.push_back(three[0]);
  exporter.Export(three);             // 3 queued
  exporter.Export(OneSpan());         // 4 queued
  exporter.Export(OneSpan());         // full: dropped
  exporter.Export(std::move(three));  // full: all three dropped
  EXPECT_EQ(exporter.spans_dropped(), 4u);
  exporter.Shutdown(absl::Seconds(2));
  EXPECT_EQ(SpansPerRequest(), std::vector<size_t>{4});
  EXPECT_EQ(exporter.spans_exported(), 4u);
}

TEST_F(SpanExporterTest, RejectedBatchIsDroppedAndCounted) {
  status_ = 503;
  SpanExporter::Options options = Options();
  options.max_batch = 2;
  SpanExporter exporter(transport_, options);
  exporter.Export(OneSpan());
  exporter.Export(OneSpan());
  ASSERT_TRUE(collector_.WaitForRequests(1, absl::Seconds(5)));
  exporter.Shutdown(absl::Seconds(2));
  EXPECT_EQ(exporter.spans_dropped(), 2u);
  EXPECT_EQ(exporter.spans_exported(), 0u);
  EXPECT_EQ(collector_.request_count(), 1);  // not retried
}

TEST_F(SpanExporterTest, CollectorDownCostsSpansNotTime) {
  SpanExporter::Options options = Options();
  options.endpoint = "http://127.0.0.1:1/v1/traces";  // nothing listens
  options.max_batch = 1;
  SpanExporter exporter(transport_, options);
  const absl::Time start = absl::Now();
  for (int i = 0; i < 20; ++i) exporter.Export(OneSpan());
  // Queuing never waits for the network (a loaded sanitizer run included).
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(500));
  exporter.Shutdown(absl::Seconds(2));
  EXPECT_EQ(exporter.spans_dropped(), 20u);
  EXPECT_EQ(exporter.spans_exported(), 0u);
}

TEST_F(SpanExporterTest, SlowCollectorTimesOutAndOneRequestIsInFlight) {
  delay_ms_ = 3000;
  SpanExporter::Options options = Options();
  options.timeout = absl::Milliseconds(300);
  options.max_batch = 1;
  options.schedule_delay = absl::ZeroDuration();
  SpanExporter exporter(transport_, options);
  for (int i = 0; i < 3; ++i) {
    const absl::Time before = absl::Now();
    exporter.Export(OneSpan());
    // Well under the export's timeout: never waits for the stalled request.
    EXPECT_LT(absl::Now() - before, absl::Milliseconds(200));
  }
  ASSERT_TRUE(collector_.WaitForRequests(3, absl::Seconds(5)));
  exporter.Shutdown(absl::Seconds(2));
  EXPECT_EQ(exporter.spans_dropped(), 3u);
  // One request at a time: each went only once the one before timed out.
  std::vector<absl::Time> times = arrivals();
  ASSERT_EQ(times.size(), 3u);
  EXPECT_GE(times[1] - times[0], absl::Milliseconds(250));
  EXPECT_GE(times[2] - times[1], absl::Milliseconds(250));
}

TEST_F(SpanExporterTest, ShutdownSendsWhatIsQueued) {
  SpanExporter exporter(transport_, Options());  // an hour's delay
  for (int i = 0; i < 5; ++i) exporter.Export(OneSpan());
  EXPECT_EQ(collector_.request_count(), 0);
  exporter.Shutdown(absl::Seconds(2));
  EXPECT_EQ(SpansPerRequest(), std::vector<size_t>{5});
  EXPECT_EQ(exporter.spans_exported(), 5u);
  exporter.Export(OneSpan());  // too late: dropped
  EXPECT_EQ(exporter.spans_dropped(), 1u);
}

TEST_F(SpanExporterTest, ShutdownWaitIsBounded) {
  delay_ms_ = 30000;
  SpanExporter::Options options = Options();
  options.timeout = absl::Seconds(30);
  SpanExporter exporter(transport_, options);
  exporter.Export(OneSpan());
  exporter.Export(OneSpan());
  const absl::Time start = absl::Now();
  exporter.Shutdown(absl::Milliseconds(300));
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  EXPECT_EQ(exporter.spans_dropped(), 2u);
}

TEST_F(SpanExporterTest, LargeBatchesSplitAtTheBatchSize) {
  SpanExporter::Options options = Options();
  options.max_batch = 4;
  delay_ms_ = 100;  // the rest piles up meanwhile
  SpanExporter exporter(transport_, options);
  for (int i = 0; i < 10; ++i) exporter.Export(OneSpan());
  exporter.Shutdown(absl::Seconds(3));
  std::vector<size_t> sizes = SpansPerRequest();
  size_t total = 0;
  for (size_t n : sizes) {
    EXPECT_LE(n, 4u);
    total += n;
  }
  EXPECT_EQ(total, 10u);
  EXPECT_EQ(exporter.spans_exported(), 10u);
}

}  // namespace
}  // namespace literllm
