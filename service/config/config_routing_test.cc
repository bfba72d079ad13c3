// The sections that decide how calls are routed: retries, aliases with
// balanced deployments, the circuit breaker.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "service/config/config.h"

namespace literllm {
namespace {

TEST(ConfigRoutingTest, RetriesSectionAndItsBounds) {
  absl::StatusOr<GatewayConfig> config = ParseConfig(
      "retries:\n  max_retries: 3\n  max_retries_limit: 6\n"
      "  initial_backoff: 100ms\n  max_backoff: 2s\n  attempt_timeout: 30s\n"
      "  max_attempt_timeout: 2m\n",
      "gw.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->retries.max_retries, 3);
  EXPECT_EQ(config->retries.max_retries_limit, 6);
  EXPECT_EQ(config->retries.initial_backoff, absl::Milliseconds(100));
  EXPECT_EQ(config->retries.max_backoff, absl::Seconds(2));
  EXPECT_EQ(config->retries.attempt_timeout, absl::Seconds(30));
  EXPECT_EQ(config->retries.max_attempt_timeout, absl::Minutes(2));

  EXPECT_EQ(ParseConfig("", "gw.yaml")->retries.max_retries, 2);
  struct Bad {
    const char* yaml;
    const char* message;
  };
  for (const Bad& bad : {
           Bad{"retries:\n  max_retries: -1\n",
               "gw.yaml:2:16: retries.max_retries: expected a whole number "
               "from 0 to 10"},
           Bad{"retries:\n  max_retries: 6\n",
               "gw.yaml:1:1: retries: max_retries exceeds max_retries_limit"},
           Bad{"retries:\n  initial_backoff: 5s\n  max_backoff: 1s\n",
               "gw.yaml:1:1: retries: initial_backoff exceeds max_backoff"},
           Bad{"retries:\n  retry_on: [503]\n",
               "gw.yaml:2:3: retries.retry_on: unknown setting"},
       }) {
    absl::StatusOr<GatewayConfig> parsed = ParseConfig(bad.yaml, "gw.yaml");
    EXPECT_FALSE(parsed.ok()) << bad.yaml;
    EXPECT_TRUE(absl::StrContains(parsed.status().message(), bad.message))
        << parsed.status().message();
  }
}

TEST(ConfigRoutingTest, AliasDeploymentsWithWeightsFallbacksAndBreaker) {
  absl::StatusOr<GatewayConfig> config = ParseConfig(
      "aliases:\n"
      "  gpt4o:\n"
      "    balance: latency\n"
      "    deployments:\n"
      "      - {model: azure-eu/gpt-4o, weight: 3}\n"
      "      - openai/gpt-4o\n"
      "    fallbacks: [anthropic/claude-sonnet-4-5]\n"
      "    context_fallback: gemini/gemini-2.5-pro\n"
      "circuit_breaker: {failures: 5, cooldown: 1m}\n",
      "gw.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  const AliasSettings& alias = config->aliases.at(0);
  EXPECT_EQ(alias.targets,
            (std::vector<std::string>{"azure-eu/gpt-4o", "openai/gpt-4o",
                                      "anthropic/claude-sonnet-4-5"}));
  EXPECT_EQ(alias.deployments, 2u);
  EXPECT_EQ(alias.weights, (std::vector<double>{3, 1}));
  EXPECT_EQ(alias.balance, "latency");
  EXPECT_EQ(alias.context_fallback, "gemini/gemini-2.5-pro");
  EXPECT_EQ(config->circuit_breaker.failures, 5);
  EXPECT_EQ(config->circuit_breaker.cooldown, absl::Minutes(1));

  struct Bad {
    const char* yaml;
    const char* message;
  };
  for (const Bad& bad : {
           Bad{"aliases:\n  a:\n    deployments:\n      - {model: x/y, "
               "weight: 0}\n",
               "aliases.a.deployments[0].weight: must be greater than 0"},
           Bad{"aliases:\n  a:\n    deployments:\n      - {weight: 2}\n",
               "model is required"},
           Bad{"aliases:\n  a:\n    balance: random\n    deployments: "
               "[x/y]\n",
               "aliases.a.balance: expected least_in_flight or latency"},
           Bad{"aliases:\n  a:\n    fallbacks: [x/y]\n",
               "deployments must list at least one model"},
           Bad{"circuit_breaker:\n  trips: 3\n",
               "circuit_breaker.trips: unknown setting"},
       }) {
    absl::StatusOr<GatewayConfig> parsed = ParseConfig(bad.yaml, "gw.yaml");
    EXPECT_FALSE(parsed.ok()) << bad.yaml;
    EXPECT_TRUE(absl::StrContains(parsed.status().message(), bad.message))
        << parsed.status().message();
  }
}

}  // namespace
}  // namespace literllm
