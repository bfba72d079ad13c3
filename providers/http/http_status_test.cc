#include "providers/http/http_status.h"

#include "gtest/gtest.h"

namespace literllm {
namespace {

TEST(HttpStatusTest, CodesFollowTheContract) {
  EXPECT_EQ(HttpStatusToCode(400), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HttpStatusToCode(413), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HttpStatusToCode(401), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(HttpStatusToCode(403), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(HttpStatusToCode(404), absl::StatusCode::kNotFound);
  EXPECT_EQ(HttpStatusToCode(429), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(HttpStatusToCode(500), absl::StatusCode::kUnavailable);
  EXPECT_EQ(HttpStatusToCode(502), absl::StatusCode::kUnavailable);
  EXPECT_EQ(HttpStatusToCode(529), absl::StatusCode::kUnavailable);
  EXPECT_EQ(HttpStatusToCode(418), absl::StatusCode::kUnknown);
}

TEST(HttpStatusTest, ProviderErrorNamesProviderAndKeepsRetryAfter) {
  absl::Status status =
      ProviderHttpError("openai", 429, "Rate limit reached", "20");
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(status.message(), "openai: Rate limit reached (HTTP 429)");
  EXPECT_EQ(RetryAfter(status), "20");
  EXPECT_FALSE(RetryAfter(ProviderHttpError("openai", 500, "x")).has_value());
}

}  // namespace
}  // namespace literllm
