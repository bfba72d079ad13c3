#include "providers/http/provider_failure.h"

#include "gtest/gtest.h"

namespace literllm {
namespace {

TEST(ProviderFailureTest, HttpStatusesKeepThePublicMapping) {
  struct Case {
    int http;
    FailureKind kind;
    absl::StatusCode code;
  };
  for (const Case& c : {
           Case{400, FailureKind::kBadRequest,
                absl::StatusCode::kInvalidArgument},
           Case{413, FailureKind::kBadRequest,
                absl::StatusCode::kInvalidArgument},
           Case{422, FailureKind::kBadRequest,
                absl::StatusCode::kInvalidArgument},
           Case{401, FailureKind::kAuthentication,
                absl::StatusCode::kUnauthenticated},
           Case{403, FailureKind::kPermission,
                absl::StatusCode::kPermissionDenied},
           Case{404, FailureKind::kNotFound, absl::StatusCode::kNotFound},
           Case{408, FailureKind::kTimeout,
                absl::StatusCode::kDeadlineExceeded},
           Case{429, FailureKind::kRateLimited,
                absl::StatusCode::kResourceExhausted},
           Case{500, FailureKind::kServerError, absl::StatusCode::kUnavailable},
           Case{502, FailureKind::kServerError, absl::StatusCode::kUnavailable},
           Case{504, FailureKind::kServerError, absl::StatusCode::kUnavailable},
           Case{529, FailureKind::kOverloaded, absl::StatusCode::kUnavailable},
           Case{418, FailureKind::kUnknown, absl::StatusCode::kUnknown},
       }) {
    absl::Status status = ProviderHttpError("openai", c.http, "x");
    EXPECT_EQ(FailureKindOf(status), c.kind) << c.http;
    EXPECT_EQ(status.code(), c.code) << c.http;
  }
}

TEST(ProviderFailureTest, NamesProviderAndKeepsRetryAfter) {
  absl::Status status =
      ProviderHttpError("openai", 429, "Rate limit reached", "20");
  EXPECT_EQ(status.message(), "openai: Rate limit reached (HTTP 429)");
  EXPECT_EQ(RetryAfter(status), "20");
  EXPECT_FALSE(RetryAfter(ProviderHttpError("openai", 500, "x")).has_value());
}

TEST(ProviderFailureTest, RetypingKeepsMessageAndRetryAfter) {
  absl::Status quota = WithFailureKind(
      ProviderHttpError("openai", 429, "You exceeded your quota", "5"),
      FailureKind::kQuotaExhausted);
  EXPECT_EQ(FailureKindOf(quota), FailureKind::kQuotaExhausted);
  EXPECT_EQ(quota.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(quota.message(), "openai: You exceeded your quota (HTTP 429)");
  EXPECT_EQ(RetryAfter(quota), "5");
  absl::Status too_long =
      WithFailureKind(ProviderHttpError("openai", 400, "too long"),
                      FailureKind::kContextLength);
  EXPECT_EQ(too_long.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FailureKindOf(too_long), FailureKind::kContextLength);
}

TEST(ProviderFailureTest, UntypedStatusesGetTheKindTheirCodeImplies) {
  EXPECT_EQ(FailureKindOf(absl::UnavailableError("reset")),
            FailureKind::kNetwork);
  EXPECT_EQ(FailureKindOf(absl::DeadlineExceededError("slow")),
            FailureKind::kTimeout);
  EXPECT_EQ(FailureKindOf(absl::InvalidArgumentError("bad")),
            FailureKind::kBadRequest);
  EXPECT_EQ(FailureKindOf(absl::CancelledError("gone")),
            FailureKind::kCancelled);
  EXPECT_EQ(CarriedFailureKind(absl::ResourceExhaustedError("x")),
            std::nullopt);
  EXPECT_EQ(CarriedFailureKind(WithFailureKind(
                absl::ResourceExhaustedError("x"), FailureKind::kRateLimited)),
            FailureKind::kRateLimited);
  // The message never decides, whatever it says.
  EXPECT_EQ(FailureKindOf(absl::InvalidArgumentError(
                "context_length_exceeded: prompt is too long")),
            FailureKind::kBadRequest);
}

TEST(ProviderFailureTest, InBandErrorsUseTheirCodeElseServerError) {
  EXPECT_EQ(InBandErrorKind(429), FailureKind::kRateLimited);
  EXPECT_EQ(InBandErrorKind(400), FailureKind::kBadRequest);
  EXPECT_EQ(InBandErrorKind(418), FailureKind::kServerError);
  EXPECT_EQ(InBandErrorKind(std::nullopt), FailureKind::kServerError);
}

TEST(ProviderFailureTest, RetryAndFallbackFollowTheKind) {
  for (FailureKind kind : {FailureKind::kRateLimited, FailureKind::kOverloaded,
                           FailureKind::kServerError, FailureKind::kTimeout,
                           FailureKind::kNetwork}) {
    EXPECT_TRUE(IsRetryable(kind)) << FailureKindName(kind);
    EXPECT_TRUE(IsFallbackWorthy(kind)) << FailureKindName(kind);
  }
  EXPECT_FALSE(IsRetryable(FailureKind::kQuotaExhausted));
  EXPECT_TRUE(IsFallbackWorthy(FailureKind::kQuotaExhausted));
  for (FailureKind kind :
       {FailureKind::kAuthentication, FailureKind::kPermission,
        FailureKind::kBadRequest, FailureKind::kContextLength,
        FailureKind::kContentFiltered, FailureKind::kNotFound,
        FailureKind::kMalformedAnswer, FailureKind::kCancelled,
        FailureKind::kPrecondition, FailureKind::kUnknown}) {
    EXPECT_FALSE(IsRetryable(kind)) << FailureKindName(kind);
    EXPECT_FALSE(IsFallbackWorthy(kind)) << FailureKindName(kind);
  }
}

}  // namespace
}  // namespace literllm
