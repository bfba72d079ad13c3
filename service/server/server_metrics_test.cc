#include "service/server/server_metrics.h"

#include <optional>
#include <string>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::HasSubstr;

ProviderRegistry TwoDeployments() {
  ProviderRegistry providers = ProviderRegistry::FromEnvironment(
      [](absl::string_view name) -> std::optional<std::string> {
        if (name == "OPENAI_API_KEY" || name == "GROQ_API_KEY") return "k";
        return std::nullopt;
      });
  ModelAlias alias;
  alias.name = "smart";
  alias.targets = {"openai/gpt-4o", "groq/llama-3.1-70b"};
  alias.deployments = 2;
  EXPECT_TRUE(providers.AddAlias(alias).ok());
  return providers;
}

TEST(ServerMetricsTest, CircuitStateOfEveryAliasDeployment) {
  ProviderRegistry providers = TwoDeployments();
  BreakerSettings breaker;
  breaker.failures = 2;
  DeploymentBalancer balancer(providers, breaker);
  MetricsRegistry registry;
  AddServerMetrics(registry, balancer, [] { return 0.0; });
  EXPECT_THAT(registry.Scrape(),
              HasSubstr("# TYPE literllm_circuit_open gauge\n"
                        "literllm_circuit_open{provider=\"groq\","
                        "deployment=\"groq/llama-3.1-70b\"} 0\n"
                        "literllm_circuit_open{provider=\"openai\","
                        "deployment=\"openai/gpt-4o\"} 0\n"));
  DeploymentHealth* groq = balancer.Health("groq/llama-3.1-70b");
  for (int i = 0; i < 2; ++i) {
    groq->AttemptStarted();
    groq->AttemptEnded(DeploymentHealth::Outcome::kFailed, absl::Seconds(1),
                       absl::Now());
  }
  std::string page = registry.Scrape();
  EXPECT_THAT(page, HasSubstr("deployment=\"groq/llama-3.1-70b\"} 1\n"));
  EXPECT_THAT(page, HasSubstr("deployment=\"openai/gpt-4o\"} 0\n"));
}

TEST(ServerMetricsTest, SpansDroppedComeFromTheExporter) {
  ProviderRegistry providers = TwoDeployments();
  DeploymentBalancer balancer(providers, BreakerSettings());
  MetricsRegistry registry;
  double dropped = 0;
  AddServerMetrics(registry, balancer, [&dropped] { return dropped; });
  EXPECT_THAT(registry.Scrape(),
              HasSubstr("# TYPE literllm_spans_dropped_total counter\n"
                        "literllm_spans_dropped_total 0\n"));
  dropped = 12;
  EXPECT_THAT(registry.Scrape(),
              HasSubstr("literllm_spans_dropped_total 12\n"));
}

}  // namespace
}  // namespace literllm
