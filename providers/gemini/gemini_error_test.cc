#include "providers/gemini/gemini_error.h"

#include <ostream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "providers/gemini/gemini_provider.h"
#include "providers/http/provider_failure.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

constexpr char kKey[] = "AIzaSy-test-key-0123456789";

struct ErrorCase {
  std::string name;  // testdata/errors/<name>
  int http_status;
  std::string retry_after_header;
  absl::StatusCode code;
  std::string message;
  std::string retry_after;  // what the status carries, "" for none
};

// Names the case in failure messages instead of dumping its bytes.
void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class ErrorBodyTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(ErrorBodyTest, RelaysGeminisMessage) {
  const ErrorCase& c = GetParam();
  GeminiProvider provider({"gemini", kKey, "https://x.test"});
  HttpResponseHead head{c.http_status, {{"Content-Type", "application/json"}}};
  if (!c.retry_after_header.empty()) {
    head.headers.emplace_back("Retry-After", c.retry_after_header);
  }

  absl::Status status =
      provider.ParseError(head, ReadGolden("errors/" + c.name));

  EXPECT_EQ(status.code(), c.code);
  EXPECT_EQ(status.message(), c.message);
  EXPECT_EQ(RetryAfter(status).value_or(""), c.retry_after);
}

INSTANTIATE_TEST_SUITE_P(
    Gemini, ErrorBodyTest,
    testing::Values(
        ErrorCase{"400_api_key_invalid.json", 400, "",
                  absl::StatusCode::kUnauthenticated,
                  "gemini: API key not valid. Please pass a valid API key. "
                  "(INVALID_ARGUMENT: API_KEY_INVALID) (HTTP 400)",
                  ""},
        ErrorCase{"400_context_too_long.json", 400, "",
                  absl::StatusCode::kInvalidArgument,
                  "gemini: The input token count (1200000) exceeds the "
                  "maximum number of tokens allowed (1048576). "
                  "(INVALID_ARGUMENT) (HTTP 400)",
                  ""},
        ErrorCase{"400_failed_precondition.json", 400, "",
                  absl::StatusCode::kFailedPrecondition,
                  "gemini: User location is not supported for the API use. "
                  "(FAILED_PRECONDITION) (HTTP 400)",
                  ""},
        ErrorCase{"403_permission_denied.json", 403, "",
                  absl::StatusCode::kPermissionDenied,
                  "gemini: Method doesn't allow unregistered callers "
                  "(callers without established identity). Please use API "
                  "Key or other form of API consumer identity to call this "
                  "API. (PERMISSION_DENIED) (HTTP 403)",
                  ""},
        ErrorCase{"404_model_not_found.json", 404, "",
                  absl::StatusCode::kNotFound,
                  "gemini: models/gemini-9-ultra is not found for API "
                  "version v1beta, or is not supported for generateContent. "
                  "Call ListModels to see the list of available models and "
                  "their supported methods. (NOT_FOUND) (HTTP 404)",
                  ""},
        ErrorCase{"429_resource_exhausted.json", 429, "",
                  absl::StatusCode::kResourceExhausted,
                  "gemini: You exceeded your current quota, please check "
                  "your plan and billing details. (RESOURCE_EXHAUSTED) "
                  "(HTTP 429)",
                  "37"},
        ErrorCase{"429_resource_exhausted.json", 429, "20",
                  absl::StatusCode::kResourceExhausted,
                  "gemini: You exceeded your current quota, please check "
                  "your plan and billing details. (RESOURCE_EXHAUSTED) "
                  "(HTTP 429)",
                  "20"},
        ErrorCase{"500_internal.json", 500, "", absl::StatusCode::kUnavailable,
                  "gemini: An internal error has occurred. Please retry or "
                  "report in "
                  "https://developers.generativeai.google/guide/"
                  "troubleshooting (INTERNAL) (HTTP 500)",
                  ""},
        ErrorCase{"503_overloaded.json", 503, "10",
                  absl::StatusCode::kUnavailable,
                  "gemini: The model is overloaded. Please try again later. "
                  "(UNAVAILABLE) (HTTP 503)",
                  "10"},
        ErrorCase{"502_html.html", 502, "", absl::StatusCode::kUnavailable,
                  "gemini: <!DOCTYPE html> <html lang=en> <meta charset=utf-8> "
                  "<title>Error 502 (Server Error)!!1</title> <p><b>502.</b> "
                  "<ins>That’s an error.</ins> <p>The server encountered a "
                  "temporary error and could not complete your "
                  "request.<p>Please try again in 30 seconds. <ins>That’s all "
                  "we know.</ins> (HTTP 502)",
                  ""}),
    [](const testing::TestParamInfo<ErrorCase>& info) {
      std::string name = info.param.name.substr(0, info.param.name.find('.'));
      return info.param.retry_after_header.empty()
                 ? name
                 : absl::StrCat(name, "_with_header");
    });

TEST(GeminiHttpErrorTest, NeverRelaysTheKey) {
  ProviderConfig config{"gemini", kKey, "https://x.test"};
  HttpResponseHead head{400, {}};
  absl::Status status = GeminiHttpError(
      config, head,
      absl::StrCat(R"({"error":{"code":400,"message":"Bad key )", kKey,
                   R"(","status":"INVALID_ARGUMENT"}})"));
  EXPECT_EQ(status.message(),
            "gemini: Bad key [redacted] (INVALID_ARGUMENT) (HTTP 400)");
  status = GeminiHttpError(config, head, absl::StrCat("proxy saw key=", kKey));
  EXPECT_EQ(status.message(), "gemini: proxy saw key=[redacted] (HTTP 400)");
}

TEST(GeminiHttpErrorTest, EmptyAndUnknownBodiesAreRelayedAsText) {
  ProviderConfig config{"gemini", kKey, "https://x.test"};
  absl::Status status = GeminiHttpError(config, HttpResponseHead{503, {}}, "");
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "gemini: empty response body (HTTP 503)");
  status = GeminiHttpError(config, HttpResponseHead{404, {}},
                           R"([{"error":"elsewhere"}])");
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), R"(gemini: [{"error":"elsewhere"}] (HTTP 404))");
}

TEST(GeminiHttpErrorTest, RetryDelayRoundsUpToWholeSeconds) {
  ProviderConfig config{"gemini", kKey, "https://x.test"};
  for (const auto& [delay, seconds] :
       std::vector<std::pair<std::string, std::string>>{{"3s", "3"},
                                                        {"0.2s", "1"},
                                                        {"59.999s", "60"},
                                                        {"soon", ""},
                                                        {"-1s", ""}}) {
    absl::Status status = GeminiHttpError(
        config, HttpResponseHead{429, {}},
        absl::StrCat(R"({"error":{"code":429,"message":"slow down",)",
                     R"("details":[{"retryDelay":")", delay, R"("}]}})"));
    EXPECT_EQ(RetryAfter(status).value_or(""), seconds) << delay;
  }
}

}  // namespace
}  // namespace literllm
