#ifndef LITERLLM_TESTS_INTEGRATION_METRICS_PAGE_H_
#define LITERLLM_TESTS_INTEGRATION_METRICS_PAGE_H_

#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace literllm::testing {

using Labels = std::map<std::string, std::string>;

// A server's /metrics page, scraped over real HTTP and parsed.
struct MetricsPage {
  struct Sample {
    std::string name;  // with its _bucket/_sum/_count suffix
    Labels labels;
    double value = 0;
  };

  long status = 0;
  std::string content_type;
  std::string text;
  std::vector<Sample> samples;
  bool parsed = false;  // every sample line parsed

  // The sample `name` with exactly `labels`, 0 when there is none.
  double Value(const std::string& name, const Labels& labels = {}) const;
  bool Has(const std::string& name, const Labels& labels = {}) const;
  // The sum of the samples `name` whose labels include `labels`.
  double Sum(const std::string& name, const Labels& labels = {}) const;
};

// GET http://127.0.0.1:`http_port`/metrics.
MetricsPage ScrapeMetrics(int http_port);

// `promtool check metrics` on `text`: success when it reports nothing. A
// failure when promtool is not installed (Debian package `prometheus`,
// scripts/install-deps.sh): the page's format is part of the contract.
::testing::AssertionResult PromtoolAccepts(const std::string& text);

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_INTEGRATION_METRICS_PAGE_H_
