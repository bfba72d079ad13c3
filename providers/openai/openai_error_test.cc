#include "providers/openai/openai_error.h"

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "providers/http/provider_failure.h"
#include "providers/openai/openai_provider.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

constexpr absl::string_view kKey = "sk-test-key-123456";

struct ErrorCase {
  std::string name;  // testdata/errors/<name>, or "" for an empty body
  int http_status;
  std::string retry_after;
  absl::StatusCode code;
  std::string message;
};

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class ErrorBodyTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(ErrorBodyTest, RelaysTheProviderMessage) {
  const ErrorCase& c = GetParam();
  OpenAiProvider provider({"openai", std::string(kKey), "https://x.test/v1"});
  HttpResponseHead head{c.http_status, {{"Content-Type", "application/json"}}};
  if (!c.retry_after.empty()) {
    head.headers.emplace_back("Retry-After", c.retry_after);
  }
  std::string body = c.name.empty() ? "" : ReadGolden("errors/" + c.name);

  absl::Status status = provider.ParseError(head, body);

  EXPECT_EQ(status.code(), c.code);
  EXPECT_EQ(status.message(), c.message);
  if (c.retry_after.empty()) {
    EXPECT_FALSE(RetryAfter(status).has_value());
  } else {
    EXPECT_EQ(RetryAfter(status), c.retry_after);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Golden, ErrorBodyTest,
    testing::Values(
        ErrorCase{"401_invalid_key.json", 401, "",
                  absl::StatusCode::kUnauthenticated,
                  "openai: Incorrect API key provided: "
                  "sk-proj-********************************************3Xa9. "
                  "You can find your API key at "
                  "https://platform.openai.com/account/api-keys. "
                  "(code: invalid_api_key) (HTTP 401)"},
        ErrorCase{"404_model_not_found.json", 404, "",
                  absl::StatusCode::kNotFound,
                  "openai: The model `gpt-5-turbo` does not exist or you do "
                  "not have access to it. (code: model_not_found) (HTTP 404)"},
        ErrorCase{"429_rate_limit.json", 429, "3",
                  absl::StatusCode::kResourceExhausted,
                  "openai: Rate limit reached for gpt-4o in organization "
                  "org-abc123 on tokens per min (TPM): Limit 30000, Used "
                  "29800, Requested 1200. Please try again in 2.4s. Visit "
                  "https://platform.openai.com/account/rate-limits to learn "
                  "more. (code: rate_limit_exceeded) (HTTP 429)"},
        ErrorCase{"429_insufficient_quota.json", 429, "",
                  absl::StatusCode::kResourceExhausted,
                  "openai: You exceeded your current quota, please check your "
                  "plan and billing details. For more information on this "
                  "error, read the docs: "
                  "https://platform.openai.com/docs/guides/error-codes/"
                  "api-errors. (code: insufficient_quota) (HTTP 429)"},
        ErrorCase{"400_context_length.json", 400, "",
                  absl::StatusCode::kInvalidArgument,
                  "openai: This model's maximum context length is 8192 "
                  "tokens. However, your messages resulted in 8227 tokens. "
                  "Please reduce the length of the messages. "
                  "(code: context_length_exceeded) (HTTP 400)"},
        ErrorCase{"500_html.html", 500, "", absl::StatusCode::kUnavailable,
                  "openai: <html> <head><title>500 Internal Server "
                  "Error</title></head> <body> <center><h1>500 Internal "
                  "Server Error</h1></center> <hr><center>cloudflare</center> "
                  "<p>Something went wrong on our side while handling your "
                  "request. Please retry in a few moments; if the problem "
                  "persists, contact support with the... (HTTP 500)"},
        ErrorCase{"", 503, "10", absl::StatusCode::kUnavailable,
                  "openai: empty response body (HTTP 503)"},
        ErrorCase{"vllm_400.json", 400, "", absl::StatusCode::kInvalidArgument,
                  "openai: This model's maximum context length is 4096 "
                  "tokens. However, you requested 5000 tokens. (code: 400) "
                  "(HTTP 400)"},
        ErrorCase{"ollama_404.json", 404, "", absl::StatusCode::kNotFound,
                  "openai: model \"llama9\" not found, try pulling it first "
                  "(HTTP 404)"}),
    [](const testing::TestParamInfo<ErrorCase>& info) {
      std::string name = info.param.name.empty() ? "empty" : info.param.name;
      return name.substr(0, name.find('.'));
    });

TEST(OpenAiHttpErrorTest, NeverRelaysTheKey) {
  ProviderConfig config{"groq", std::string(kKey), "https://x.test/v1"};
  HttpResponseHead head{401, {}};
  absl::Status status = OpenAiHttpError(
      config, head,
      absl::StrCat(
          R"({"error":{"message":"Invalid API Key: )", kKey,
          R"(","type":"invalid_request_error","code":"invalid_api_key"}})"));
  EXPECT_EQ(status.message(),
            "groq: Invalid API Key: [redacted] (code: invalid_api_key) "
            "(HTTP 401)");
  status = OpenAiHttpError(config, head, absl::StrCat("Bearer ", kKey));
  EXPECT_EQ(status.message(), "groq: Bearer [redacted] (HTTP 401)");
}

TEST(OpenAiHttpErrorTest, ShortPlaceholderKeysAreNotScrubbed) {
  ProviderConfig config{"ollama", "ollama", "http://localhost:11434/v1"};
  absl::Status status = OpenAiHttpError(config, HttpResponseHead{500, {}},
                                        R"({"error":"ollama crashed"})");
  EXPECT_EQ(status.message(), "ollama: ollama crashed (HTTP 500)");
}

TEST(OpenAiHttpErrorTest, UnknownJsonShapeIsRelayedAsText) {
  ProviderConfig config{"openai", "", "https://x.test/v1"};
  absl::Status status = OpenAiHttpError(config, HttpResponseHead{502, {}},
                                        R"({"detail": "bad gateway"})");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(),
            R"(openai: {"detail": "bad gateway"} (HTTP 502))");
}

}  // namespace
}  // namespace literllm
