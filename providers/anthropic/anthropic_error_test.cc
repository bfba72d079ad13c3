#include "providers/anthropic/anthropic_error.h"

#include <ostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "providers/http/provider_failure.h"
#include "providers/json/json_reader.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

constexpr absl::string_view kKey = "sk-ant-api03-test-key-123456";

ProviderConfig Config() {
  return {"anthropic", std::string(kKey), "https://api.anthropic.com"};
}

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
  HttpResponseHead head{c.http_status, {{"content-type", "application/json"}}};
  if (!c.retry_after.empty()) {
    head.headers.emplace_back("retry-after", c.retry_after);
  }
  std::string body = c.name.empty() ? "" : ReadGolden("errors/" + c.name);

  absl::Status status = AnthropicHttpError(Config(), head, body);

  EXPECT_EQ(status.code(), c.code);
  EXPECT_EQ(status.message(), c.message);
  if (c.retry_after.empty()) {
    EXPECT_FALSE(RetryAfter(status).has_value());
  } else {
    EXPECT_EQ(RetryAfter(status), c.retry_after);
  }
}

INSTANTIATE_TEST_SUITE_P(
    AnthropicGolden, ErrorBodyTest,
    testing::Values(
        ErrorCase{"401_authentication.json", 401, "",
                  absl::StatusCode::kUnauthenticated,
                  "anthropic: invalid x-api-key (type: authentication_error) "
                  "(HTTP 401)"},
        ErrorCase{"403_permission.json", 403, "",
                  absl::StatusCode::kPermissionDenied,
                  "anthropic: Your API key does not have permission to use "
                  "the specified resource. (type: permission_error) (HTTP "
                  "403)"},
        ErrorCase{"404_not_found.json", 404, "", absl::StatusCode::kNotFound,
                  "anthropic: model: claude-sonnet-9 (type: not_found_error) "
                  "(HTTP 404)"},
        ErrorCase{"429_rate_limit.json", 429, "17",
                  absl::StatusCode::kResourceExhausted,
                  "anthropic: This request would exceed the rate limit for "
                  "your organization of 50,000 input tokens per minute. "
                  "(type: rate_limit_error) (HTTP 429)"},
        ErrorCase{"529_overloaded.json", 529, "",
                  absl::StatusCode::kUnavailable,
                  "anthropic: Overloaded (type: overloaded_error) (HTTP 529)"},
        ErrorCase{"400_prompt_too_long.json", 400, "",
                  absl::StatusCode::kInvalidArgument,
                  "anthropic: prompt is too long: 215123 tokens > 200000 "
                  "maximum (type: invalid_request_error) (HTTP 400)"},
        ErrorCase{"402_billing.json", 402, "",
                  absl::StatusCode::kResourceExhausted,
                  "anthropic: Your credit balance is too low to access the "
                  "Anthropic API. (type: billing_error) (HTTP 402)"},
        ErrorCase{"502_html.html", 502, "5", absl::StatusCode::kUnavailable,
                  "anthropic: <html> <head><title>502 Bad Gateway</title>"
                  "</head> <body> <center><h1>502 Bad Gateway</h1></center> "
                  "<hr><center>cloudflare</center> </body> </html> (HTTP "
                  "502)"},
        ErrorCase{"", 503, "", absl::StatusCode::kUnavailable,
                  "anthropic: empty response body (HTTP 503)"}),
    [](const testing::TestParamInfo<ErrorCase>& info) {
      std::string name = info.param.name.empty() ? "empty" : info.param.name;
      return name.substr(0, name.find('.'));
    });

TEST(AnthropicHttpErrorTest, NeverRelaysTheKey) {
  HttpResponseHead head{401, {}};
  absl::Status status = AnthropicHttpError(
      Config(), head,
      absl::StrCat(R"({"type":"error","error":{"type":"authentication_error",)",
                   R"("message":"invalid x-api-key: )", kKey, R"("}})"));
  EXPECT_EQ(status.message(),
            "anthropic: invalid x-api-key: [redacted] (type: "
            "authentication_error) (HTTP 401)");
  status = AnthropicHttpError(Config(), head, absl::StrCat("x-api-key ", kKey));
  EXPECT_EQ(status.message(), "anthropic: x-api-key [redacted] (HTTP 401)");
}

TEST(AnthropicHttpErrorTest, UnmappedStatusWithoutTypeIsUnavailable) {
  absl::Status status =
      AnthropicHttpError(Config(), HttpResponseHead{418, {}}, "teapot");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "anthropic: teapot (HTTP 418)");
}

TEST(AnthropicStreamErrorTest, CodedByErrorType) {
  struct Case {
    std::string type;
    std::string message;
    absl::StatusCode code;
  };
  for (const Case& c : {
           Case{"overloaded_error", "Overloaded",
                absl::StatusCode::kUnavailable},
           Case{"api_error", "Internal server error",
                absl::StatusCode::kUnavailable},
           Case{"rate_limit_error", "Slow down",
                absl::StatusCode::kResourceExhausted},
           Case{"billing_error", "Pay up",
                absl::StatusCode::kResourceExhausted},
           Case{"invalid_request_error", "Bad",
                absl::StatusCode::kInvalidArgument},
           Case{"request_too_large", "Too big",
                absl::StatusCode::kInvalidArgument},
           Case{"authentication_error", "Who?",
                absl::StatusCode::kUnauthenticated},
           Case{"permission_error", "No", absl::StatusCode::kPermissionDenied},
           Case{"not_found_error", "Gone", absl::StatusCode::kNotFound},
           Case{"timeout_error", "Slow", absl::StatusCode::kDeadlineExceeded},
           Case{"api_error", "prompt is too long: 9 tokens > 8 maximum",
                absl::StatusCode::kInvalidArgument},
           Case{"brand_new_error", "Hm", absl::StatusCode::kUnavailable},
       }) {
    absl::StatusOr<simdjson::dom::element> event =
        ParseJson(absl::StrCat(R"({"type":"error","error":{"type":")", c.type,
                               R"(","message":")", c.message, R"("}})"));
    ASSERT_TRUE(event.ok());
    absl::Status status = AnthropicStreamError(Config(), *event);
    EXPECT_EQ(status.code(), c.code) << c.type;
    EXPECT_EQ(status.message(),
              absl::StrCat("anthropic: ", c.message, " (type: ", c.type, ")"));
  }
}

TEST(AnthropicStreamErrorTest, ShapelessEventStillEndsTheStream) {
  absl::StatusOr<simdjson::dom::element> event =
      ParseJson(R"({"type":"error"})");
  ASSERT_TRUE(event.ok());
  absl::Status status = AnthropicStreamError(Config(), *event);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "anthropic: error event in stream");
}

}  // namespace
}  // namespace literllm
