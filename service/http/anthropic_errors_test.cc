#include "service/http/anthropic_errors.h"

#include "gtest/gtest.h"
#include "providers/http/provider_failure.h"

namespace literllm {
namespace {

TEST(AnthropicErrorsTest, StatusesAreTheOnesTheSdksMapToTheirExceptions) {
  struct Case {
    absl::Status status;
    int http;
    const char* type;
  };
  for (const Case& c : {
           Case{ProviderHttpError("openai", 400, "bad"), 400,
                "invalid_request_error"},
           Case{ProviderHttpError("openai", 413, "big"), 400,
                "invalid_request_error"},
           Case{ProviderHttpError("openai", 401, "key"), 401,
                "authentication_error"},
           Case{ProviderHttpError("openai", 403, "no"), 403,
                "permission_error"},
           Case{ProviderHttpError("openai", 404, "model"), 404,
                "not_found_error"},
           Case{ProviderHttpError("openai", 429, "slow"), 429,
                "rate_limit_error"},
           Case{ProviderHttpError("anthropic", 529, "busy"), 529,
                "overloaded_error"},
           Case{ProviderHttpError("openai", 500, "boom"), 500, "api_error"},
           Case{ProviderHttpError("openai", 408, "slow"), 504, "timeout_error"},
           Case{absl::InternalError("could not parse"), 500, "api_error"},
           Case{absl::UnavailableError("connection refused"), 500, "api_error"},
           Case{absl::UnauthenticatedError("no key"), 401,
                "authentication_error"},
           Case{absl::PermissionDeniedError("model"), 403, "permission_error"},
           Case{absl::InvalidArgumentError("max_tokens: required"), 400,
                "invalid_request_error"},
           Case{absl::DeadlineExceededError("deadline"), 504, "timeout_error"},
           Case{WithFailureKind(absl::ResourceExhaustedError("budget"),
                                FailureKind::kQuotaExhausted),
                402, "billing_error"},
       }) {
    AnthropicError error = AnthropicErrorFor(c.status);
    EXPECT_EQ(error.http_status, c.http) << c.status;
    EXPECT_EQ(error.type, c.type) << c.status;
  }
}

TEST(AnthropicErrorsTest, RateLimitsAndOverloadKeepRetryAfter) {
  EXPECT_EQ(AnthropicErrorFor(ProviderHttpError("openai", 429, "slow", "7"))
                .retry_after,
            "7");
  EXPECT_EQ(AnthropicErrorFor(ProviderHttpError("anthropic", 529, "busy", "3"))
                .retry_after,
            "3");
  EXPECT_FALSE(AnthropicErrorFor(absl::InvalidArgumentError("x")).retry_after);
}

TEST(AnthropicErrorsTest, BodyIsAnthropicsErrorShape) {
  EXPECT_EQ(AnthropicErrorJson("rate_limit_error", "slow \"down\""),
            R"({"type":"error","error":{"type":"rate_limit_error",)"
            R"("message":"slow \"down\""}})");
}

}  // namespace
}  // namespace literllm
