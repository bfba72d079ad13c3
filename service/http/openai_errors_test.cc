#include "service/http/openai_errors.h"

#include "gtest/gtest.h"
#include "providers/http/provider_failure.h"

namespace literllm {
namespace {

TEST(OpenAiErrorsTest, ProviderFailuresKeepTheirMeaning) {
  struct Case {
    absl::Status status;
    int http;
    const char* type;
  };
  for (const Case& c : {
           Case{ProviderHttpError("openai", 400, "bad"), 400,
                "invalid_request_error"},
           Case{ProviderHttpError("openai", 401, "key"), 401,
                "authentication_error"},
           Case{ProviderHttpError("openai", 403, "no"), 403,
                "permission_error"},
           Case{ProviderHttpError("openai", 404, "model"), 404,
                "invalid_request_error"},
           Case{ProviderHttpError("openai", 429, "slow", "7"), 429,
                "rate_limit_error"},
           Case{ProviderHttpError("openai", 500, "boom"), 502, "api_error"},
           Case{ProviderHttpError("anthropic", 529, "busy"), 503, "api_error"},
           Case{ProviderHttpError("openai", 408, "slow"), 504, "timeout"},
           Case{absl::InternalError("openai: could not parse"), 500,
                "api_error"},
       }) {
    OpenAiError error = OpenAiErrorFor(c.status);
    EXPECT_EQ(error.http_status, c.http) << c.status;
    EXPECT_EQ(error.type, c.type) << c.status;
  }
  EXPECT_EQ(
      OpenAiErrorFor(ProviderHttpError("openai", 429, "slow", "7")).retry_after,
      "7");
  OpenAiError too_long = OpenAiErrorFor(
      WithFailureKind(ProviderHttpError("openai", 400, "too long"),
                      FailureKind::kContextLength));
  EXPECT_EQ(too_long.http_status, 400);
  EXPECT_EQ(too_long.code, "context_length_exceeded");
}

TEST(OpenAiErrorsTest, ValidationNamesTheParam) {
  EXPECT_EQ(OpenAiErrorFor(absl::InvalidArgumentError(
                               "messages[2].role: unknown role 'bot'"))
                .param,
            "messages[2].role");
  EXPECT_EQ(
      OpenAiErrorFor(ProviderHttpError("openai", 400, "temperature: too high"))
          .param,
      "");
}

}  // namespace
}  // namespace literllm
