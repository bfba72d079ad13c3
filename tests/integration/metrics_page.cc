#include "tests/integration/metrics_page.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/fake_http/test_http_client.h"
#include "tests/integration/gateway_fixture.h"

namespace literllm::testing {
namespace {

// `"value"` at the start of `in` (escapes undone); false if malformed.
bool ReadQuoted(absl::string_view& in, std::string& out) {
  if (in.empty() || in[0] != '"') return false;
  for (size_t i = 1; i < in.size(); ++i) {
    if (in[i] == '"') {
      in.remove_prefix(i + 1);
      return true;
    }
    if (in[i] == '\\' && i + 1 < in.size()) {
      ++i;
      out += in[i] == 'n' ? '\n' : in[i];
    } else {
      out += in[i];
    }
  }
  return false;
}

bool ParseSample(absl::string_view line, MetricsPage::Sample& sample) {
  size_t end = line.find_first_of("{ ");
  if (end == absl::string_view::npos) return false;
  sample.name = std::string(line.substr(0, end));
  line.remove_prefix(end);
  if (line[0] == '{') {
    line.remove_prefix(1);
    while (!line.empty() && line[0] != '}') {
      size_t eq = line.find('=');
      if (eq == absl::string_view::npos) return false;
      std::string name(line.substr(0, eq));
      line.remove_prefix(eq + 1);
      if (!ReadQuoted(line, sample.labels[name])) return false;
      if (!line.empty() && line[0] == ',') line.remove_prefix(1);
    }
    if (line.empty()) return false;
    line.remove_prefix(1);
  }
  if (line.empty() || line[0] != ' ') return false;
  line.remove_prefix(1);
  if (line == "+Inf") {
    sample.value = std::numeric_limits<double>::infinity();
    return true;
  }
  return absl::SimpleAtod(line, &sample.value);
}

bool Includes(const Labels& all, const Labels& some) {
  for (const auto& [name, value] : some) {
    auto it = all.find(name);
    if (it == all.end() || it->second != value) return false;
  }
  return true;
}

}  // namespace

double MetricsPage::Value(const std::string& name, const Labels& labels) const {
  for (const Sample& sample : samples) {
    if (sample.name == name && sample.labels == labels) return sample.value;
  }
  return 0;
}

bool MetricsPage::Has(const std::string& name, const Labels& labels) const {
  for (const Sample& sample : samples) {
    if (sample.name == name && sample.labels == labels) return true;
  }
  return false;
}

double MetricsPage::Sum(const std::string& name, const Labels& labels) const {
  double sum = 0;
  for (const Sample& sample : samples) {
    if (sample.name == name && Includes(sample.labels, labels)) {
      sum += sample.value;
    }
  }
  return sum;
}

MetricsPage ScrapeMetrics(int http_port) {
  MetricsPage page;
  CURL* easy = curl_easy_init();
  CurlResult result =
      CurlFetch(easy, absl::StrCat("http://127.0.0.1:", http_port, "/metrics"));
  curl_easy_cleanup(easy);
  page.status = result.status;
  page.content_type = result.content_type;
  page.text = result.body;
  page.parsed = true;
  for (absl::string_view line : absl::StrSplit(page.text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    MetricsPage::Sample sample;
    if (!ParseSample(line, sample)) {
      ADD_FAILURE() << "unparseable sample line: " << line;
      page.parsed = false;
      continue;
    }
    page.samples.push_back(std::move(sample));
  }
  return page;
}

::testing::AssertionResult PromtoolAccepts(const std::string& text) {
  const char* promtool = nullptr;
  for (const char* path : {"/usr/bin/promtool", "/usr/local/bin/promtool"}) {
    if (access(path, X_OK) == 0) promtool = path;
  }
  if (promtool == nullptr) {
    return ::testing::AssertionFailure()
           << "promtool not found: install Debian's `prometheus` "
              "(scripts/install-deps.sh)";
  }
  std::string file = WriteConfig(text);  // a fresh temporary file
  std::string command =
      absl::StrCat(promtool, " check metrics < ", file, " 2>&1");
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return ::testing::AssertionFailure() << "popen failed";
  std::string output;
  char buffer[512];
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe)) {
    output.append(buffer, n);
  }
  int status = pclose(pipe);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && output.empty()) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "promtool check metrics (exit " << WEXITSTATUS(status) << "):\n"
         << output << "\npage:\n"
         << text;
}

}  // namespace literllm::testing
