#include "service/tracing/tracing_settings.h"

#include <map>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

TracingSettings Read(std::map<std::string, std::string> vars) {
  return TracingSettingsFromEnv(
      [vars](absl::string_view name) -> std::optional<std::string> {
        auto it = vars.find(std::string(name));
        if (it == vars.end()) return std::nullopt;
        return it->second;
      });
}

// With a collector named, plus `vars`.
TracingSettings ReadOn(std::map<std::string, std::string> vars) {
  vars.emplace("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");
  return Read(std::move(vars));
}

std::string Warnings(const TracingSettings& settings) {
  return absl::StrJoin(settings.warnings, "\n");
}

TEST(TracingSettingsTest, NoEndpointMeansOffWithoutComplaint) {
  TracingSettings settings = Read({{"OTEL_TRACES_SAMPLER", "always_on"}});
  EXPECT_FALSE(settings.enabled);
  EXPECT_THAT(settings.warnings, IsEmpty());
}

TEST(TracingSettingsTest, DefaultsFollowTheSpecification) {
  TracingSettings settings = ReadOn({});
  EXPECT_TRUE(settings.enabled);
  EXPECT_EQ(settings.endpoint, "http://collector:4318/v1/traces");
  EXPECT_EQ(settings.export_timeout, absl::Seconds(10));
  EXPECT_EQ(settings.sampler, SamplerKind::kParentBasedAlwaysOn);
  EXPECT_EQ(settings.schedule_delay, absl::Seconds(5));
  EXPECT_EQ(settings.max_queue_size, 2048);
  EXPECT_EQ(settings.max_export_batch_size, 512);
  EXPECT_FALSE(settings.capture_content);
  EXPECT_THAT(settings.headers, IsEmpty());
  ASSERT_GE(settings.resource.size(), 4u);
  EXPECT_THAT(settings.resource[0], Pair("service.name", "literllm"));
  EXPECT_THAT(settings.resource[1], Pair("telemetry.sdk.name", "literllm"));
  EXPECT_THAT(settings.resource[2], Pair("telemetry.sdk.language", "cpp"));
  EXPECT_EQ(settings.resource[3].first, "telemetry.sdk.version");
  EXPECT_THAT(settings.warnings, IsEmpty());
}

TEST(TracingSettingsTest, EndpointGetsTheTracesPathOnce) {
  EXPECT_EQ(Read({{"OTEL_EXPORTER_OTLP_ENDPOINT", "https://c.example:4318/"}})
                .endpoint,
            "https://c.example:4318/v1/traces");
  EXPECT_EQ(Read({{"OTEL_EXPORTER_OTLP_ENDPOINT", "http://c/otlp"}}).endpoint,
            "http://c/otlp/v1/traces");
}

TEST(TracingSettingsTest, TracesEndpointIsUsedAsIsAndWins) {
  TracingSettings settings =
      ReadOn({{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://t:9/custom"}});
  EXPECT_TRUE(settings.enabled);
  EXPECT_EQ(settings.endpoint, "http://t:9/custom");
}

TEST(TracingSettingsTest, DisabledSdkOrNoneExporterTurnsTracingOff) {
  EXPECT_FALSE(ReadOn({{"OTEL_SDK_DISABLED", "TRUE"}}).enabled);
  EXPECT_TRUE(ReadOn({{"OTEL_SDK_DISABLED", "false"}}).enabled);
  EXPECT_FALSE(ReadOn({{"OTEL_TRACES_EXPORTER", "none"}}).enabled);
  TracingSettings odd = ReadOn({{"OTEL_SDK_DISABLED", "yes"}});
  EXPECT_TRUE(odd.enabled);  // only "true" disables
  EXPECT_THAT(Warnings(odd), HasSubstr("OTEL_SDK_DISABLED"));
}

TEST(TracingSettingsTest, EndpointThatIsNotHttpTurnsTracingOffWithAWarning) {
  TracingSettings settings =
      Read({{"OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317"}});
  EXPECT_FALSE(settings.enabled);
  EXPECT_THAT(Warnings(settings), HasSubstr("OTEL_EXPORTER_OTLP_ENDPOINT"));
}

TEST(TracingSettingsTest, HeadersArePercentDecodedAndTracesOnesWin) {
  TracingSettings settings =
      ReadOn({{"OTEL_EXPORTER_OTLP_HEADERS",
               " api-key = s%3Dcret%2C1 , x-team=blue,broken-entry-s3cr3t"},
              {"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "X-Team=red"}});
  EXPECT_THAT(settings.headers,
              ElementsAre(Pair("api-key", "s=cret,1"), Pair("X-Team", "red")));
  EXPECT_THAT(Warnings(settings), HasSubstr("OTEL_EXPORTER_OTLP_HEADERS"));
  // A warning names the variable, never what an entry held.
  EXPECT_THAT(Warnings(settings), ::testing::Not(HasSubstr("s3cr3t")));
}

TEST(TracingSettingsTest, TimeoutsInMilliseconds) {
  EXPECT_EQ(ReadOn({{"OTEL_EXPORTER_OTLP_TIMEOUT", "2500"}}).export_timeout,
            absl::Milliseconds(2500));
  EXPECT_EQ(ReadOn({{"OTEL_EXPORTER_OTLP_TIMEOUT", "2500"},
                    {"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "700"}})
                .export_timeout,
            absl::Milliseconds(700));
  TracingSettings bad = ReadOn({{"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "5s"}});
  EXPECT_EQ(bad.export_timeout, absl::Seconds(10));
  EXPECT_THAT(Warnings(bad), HasSubstr("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"));
}

TEST(TracingSettingsTest, ServiceNameAndResourceAttributes) {
  TracingSettings settings =
      ReadOn({{"OTEL_RESOURCE_ATTRIBUTES",
               "service.name=from-attrs,deployment.environment=prod,team=a%20b,"
               "telemetry.sdk.name=fake"}});
  EXPECT_THAT(settings.resource[0], Pair("service.name", "from-attrs"));
  EXPECT_THAT(settings.resource[1], Pair("telemetry.sdk.name", "literllm"));
  EXPECT_THAT(settings.resource,
              ::testing::Contains(Pair("deployment.environment", "prod")));
  EXPECT_THAT(settings.resource, ::testing::Contains(Pair("team", "a b")));
  EXPECT_EQ(settings.resource.size(), 6u);
  TracingSettings named =
      ReadOn({{"OTEL_SERVICE_NAME", "gateway-eu"},
              {"OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attrs"}});
  EXPECT_THAT(named.resource[0], Pair("service.name", "gateway-eu"));
}

TEST(TracingSettingsTest, SamplersByNameInAnyCase) {
  EXPECT_EQ(ReadOn({{"OTEL_TRACES_SAMPLER", "Always_Off"}}).sampler,
            SamplerKind::kAlwaysOff);
  TracingSettings ratio = ReadOn({{"OTEL_TRACES_SAMPLER", "traceidratio"},
                                  {"OTEL_TRACES_SAMPLER_ARG", "0.25"}});
  EXPECT_EQ(ratio.sampler, SamplerKind::kTraceIdRatio);
  EXPECT_EQ(ratio.sampler_ratio, 0.25);
  TracingSettings parent =
      ReadOn({{"OTEL_TRACES_SAMPLER", "parentbased_traceidratio"}});
  EXPECT_EQ(parent.sampler, SamplerKind::kParentBasedTraceIdRatio);
  EXPECT_EQ(parent.sampler_ratio, 1.0);  // no argument: 1.0
  EXPECT_EQ(ReadOn({{"OTEL_TRACES_SAMPLER", "parentbased_always_off"}}).sampler,
            SamplerKind::kParentBasedAlwaysOff);
}

TEST(TracingSettingsTest, UnusableSamplerSettingsWarnAndUseDefaults) {
  TracingSettings unknown = ReadOn({{"OTEL_TRACES_SAMPLER", "jaeger_remote"}});
  EXPECT_EQ(unknown.sampler, SamplerKind::kParentBasedAlwaysOn);
  EXPECT_THAT(Warnings(unknown), HasSubstr("OTEL_TRACES_SAMPLER "));
  TracingSettings bad_arg = ReadOn({{"OTEL_TRACES_SAMPLER", "traceidratio"},
                                    {"OTEL_TRACES_SAMPLER_ARG", "1.5"}});
  EXPECT_EQ(bad_arg.sampler_ratio, 1.0);
  EXPECT_THAT(Warnings(bad_arg), HasSubstr("OTEL_TRACES_SAMPLER_ARG"));
  // The argument of a sampler without a ratio is not read.
  EXPECT_THAT(ReadOn({{"OTEL_TRACES_SAMPLER", "always_on"},
                      {"OTEL_TRACES_SAMPLER_ARG", "junk"}})
                  .warnings,
              IsEmpty());
}

TEST(TracingSettingsTest, BatchProcessorSettings) {
  TracingSettings settings = ReadOn({{"OTEL_BSP_SCHEDULE_DELAY", "100"},
                                     {"OTEL_BSP_MAX_QUEUE_SIZE", "64"},
                                     {"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "8"}});
  EXPECT_EQ(settings.schedule_delay, absl::Milliseconds(100));
  EXPECT_EQ(settings.max_queue_size, 64);
  EXPECT_EQ(settings.max_export_batch_size, 8);
  TracingSettings clamped = ReadOn({{"OTEL_BSP_MAX_QUEUE_SIZE", "10"}});
  EXPECT_EQ(clamped.max_export_batch_size, 10);
  EXPECT_THAT(Warnings(clamped), HasSubstr("OTEL_BSP_MAX_EXPORT_BATCH_SIZE"));
  TracingSettings bad = ReadOn({{"OTEL_BSP_SCHEDULE_DELAY", "-1"},
                                {"OTEL_BSP_MAX_QUEUE_SIZE", "0"},
                                {"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "many"}});
  EXPECT_EQ(bad.schedule_delay, absl::Seconds(5));
  EXPECT_EQ(bad.max_queue_size, 2048);
  EXPECT_EQ(bad.max_export_batch_size, 512);
  EXPECT_EQ(bad.warnings.size(), 3u) << Warnings(bad);
}

TEST(TracingSettingsTest, ContentCaptureIsOptIn) {
  EXPECT_TRUE(
      ReadOn({{"OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "True"}})
          .capture_content);
  TracingSettings odd =
      ReadOn({{"OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "1"}});
  EXPECT_FALSE(odd.capture_content);
  EXPECT_THAT(Warnings(odd),
              HasSubstr("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"));
}

TEST(TracingSettingsTest, OnlyHttpProtobufIsSpoken) {
  TracingSettings grpc = ReadOn({{"OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"}});
  EXPECT_TRUE(grpc.enabled);
  EXPECT_THAT(Warnings(grpc), HasSubstr("OTEL_EXPORTER_OTLP_PROTOCOL"));
  EXPECT_THAT(
      ReadOn({{"OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"}}).warnings,
      IsEmpty());
}

TEST(TracingSettingsTest, EndpointForLogDropsCredentials) {
  TracingSettings settings = Read(
      {{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://u:p4ss@c:4318/v1/t"}});
  EXPECT_EQ(settings.EndpointForLog(), "https://c:4318/v1/t");
  settings.endpoint = "http://c:4318/a@b";
  EXPECT_EQ(settings.EndpointForLog(), "http://c:4318/a@b");
}

TEST(TracingSettingsTest, KeyValueListSkipsMalformedEntries) {
  int skipped = 0;
  auto pairs = ParseKeyValueList("a=1,,=2,b,c = x y ,d=%zz", skipped);
  EXPECT_THAT(pairs,
              ElementsAre(Pair("a", "1"), Pair("c", "x y"), Pair("d", "%zz")));
  EXPECT_EQ(skipped, 2);
}

}  // namespace
}  // namespace literllm
