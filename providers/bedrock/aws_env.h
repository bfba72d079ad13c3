#ifndef LITERLLM_PROVIDERS_BEDROCK_AWS_ENV_H_
#define LITERLLM_PROVIDERS_BEDROCK_AWS_ENV_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "providers/bedrock/sigv4.h"

namespace literllm {

// Reads one environment variable; empty optional when unset (the same type
// as providers/builtin_providers.h's, which this library must not depend on).
using EnvLookup = std::function<std::optional<std::string>(absl::string_view)>;

// How to reach and authenticate to Bedrock Runtime.
struct BedrockAccess {
  std::string region;
  std::string endpoint;  // scheme://host[:port], no trailing '/'
  // Exactly one of these is set: a Bedrock API key is sent as
  // `Authorization: Bearer` instead of signing.
  std::string bearer_token;
  AwsCredentials credentials;

  bool uses_bearer_token() const { return !bearer_token.empty(); }
};

// Bedrock settings from the environment, following the AWS SDKs:
// AWS_REGION, else AWS_DEFAULT_REGION; AWS_BEARER_TOKEN_BEDROCK (preferred
// when set, as botocore does), else AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY
// (+ AWS_SESSION_TOKEN); AWS_ENDPOINT_URL_BEDROCK_RUNTIME, else
// AWS_ENDPOINT_URL, else https://bedrock-runtime.{region}.amazonaws.com.
// Empty variables count as unset. Errors name the variables, never values.
absl::StatusOr<BedrockAccess> AwsCredentialsFromEnv(const EnvLookup& env);

// The authentication headers for `request`: the bearer token, or a SigV4
// signature (service "bedrock") made at `now`.
absl::StatusOr<HttpHeaderList> BedrockAuthHeaders(const BedrockAccess& access,
                                                  const SigV4Request& request,
                                                  absl::Time now);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_BEDROCK_AWS_ENV_H_
