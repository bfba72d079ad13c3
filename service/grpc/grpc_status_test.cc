#include "service/grpc/grpc_status.h"

#include "gtest/gtest.h"
#include "providers/http/provider_failure.h"

namespace literllm {
namespace {

TEST(GrpcStatusTest, KeepsCodeAndRedactsMessage) {
  SecretRedactor redactor({"sk-secret-0123456789abcdef"});
  grpc::Status status =
      ToGrpcStatus(absl::UnauthenticatedError(
                       "openai: key sk-secret-0123456789abcdef rejected"),
                   redactor, nullptr);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(status.error_message(), "openai: key [REDACTED] rejected");
}

TEST(GrpcStatusTest, MapsEveryProviderHttpStatus) {
  SecretRedactor redactor({});
  struct Case {
    int http;
    grpc::StatusCode code;
  } cases[] = {{400, grpc::StatusCode::INVALID_ARGUMENT},
               {401, grpc::StatusCode::UNAUTHENTICATED},
               {403, grpc::StatusCode::PERMISSION_DENIED},
               {404, grpc::StatusCode::NOT_FOUND},
               {429, grpc::StatusCode::RESOURCE_EXHAUSTED},
               {500, grpc::StatusCode::UNAVAILABLE},
               {503, grpc::StatusCode::UNAVAILABLE},
               {529, grpc::StatusCode::UNAVAILABLE}};
  for (const Case& c : cases) {
    grpc::Status status = ToGrpcStatus(
        ProviderHttpError("openai", c.http, "boom"), redactor, nullptr);
    EXPECT_EQ(status.error_code(), c.code) << c.http;
    EXPECT_EQ(status.error_message(),
              "openai: boom (HTTP " + std::to_string(c.http) + ")");
  }
}

TEST(GrpcStatusTest, OkStaysOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus(), SecretRedactor({}), nullptr).ok());
}

}  // namespace
}  // namespace literllm
