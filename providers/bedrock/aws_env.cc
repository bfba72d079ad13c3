#include "providers/bedrock/aws_env.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

// The variable's value; "" when unset or empty.
std::string Get(const EnvLookup& env, absl::string_view name) {
  std::optional<std::string> value = env(name);
  return value.has_value() ? *std::move(value) : "";
}

// The first of `names` that is set, or "".
std::string FirstSet(const EnvLookup& env,
                     std::initializer_list<absl::string_view> names) {
  for (absl::string_view name : names) {
    if (std::string value = Get(env, name); !value.empty()) return value;
  }
  return "";
}

}  // namespace

absl::StatusOr<BedrockAccess> AwsCredentialsFromEnv(const EnvLookup& env) {
  BedrockAccess access;
  access.region = FirstSet(env, {"AWS_REGION", "AWS_DEFAULT_REGION"});
  if (access.region.empty()) {
    return absl::FailedPreconditionError(
        "Bedrock: no region; set AWS_REGION (or AWS_DEFAULT_REGION)");
  }
  access.endpoint =
      FirstSet(env, {"AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL"});
  if (access.endpoint.empty()) {
    access.endpoint = absl::StrCat("https://bedrock-runtime.", access.region,
                                   ".amazonaws.com");
  }
  while (absl::EndsWith(access.endpoint, "/")) access.endpoint.pop_back();
  if (!absl::StrContains(access.endpoint, "://")) {
    return absl::FailedPreconditionError(
        "Bedrock: the endpoint URL (AWS_ENDPOINT_URL_BEDROCK_RUNTIME or "
        "AWS_ENDPOINT_URL) has no scheme; expected e.g. https://host");
  }

  access.bearer_token = Get(env, "AWS_BEARER_TOKEN_BEDROCK");
  if (access.uses_bearer_token()) return access;
  access.credentials.access_key_id = Get(env, "AWS_ACCESS_KEY_ID");
  access.credentials.secret_access_key = Get(env, "AWS_SECRET_ACCESS_KEY");
  access.credentials.session_token = Get(env, "AWS_SESSION_TOKEN");
  const bool has_id = !access.credentials.access_key_id.empty();
  const bool has_secret = !access.credentials.secret_access_key.empty();
  if (has_id && has_secret) return access;
  if (has_id != has_secret) {
    return absl::FailedPreconditionError(absl::StrCat(
        "Bedrock: ", has_id ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
        " is set but ", has_id ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID",
        " is not"));
  }
  return absl::FailedPreconditionError(
      "Bedrock: no credentials; set AWS_BEARER_TOKEN_BEDROCK, or "
      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for "
      "temporary credentials)");
}

absl::StatusOr<HttpHeaderList> BedrockAuthHeaders(const BedrockAccess& access,
                                                  const SigV4Request& request,
                                                  absl::Time now) {
  if (access.uses_bearer_token()) {
    return HttpHeaderList{
        {"Authorization", absl::StrCat("Bearer ", access.bearer_token)}};
  }
  absl::StatusOr<SigV4Signature> signature = SignV4(
      request, access.credentials, SigV4Scope{access.region, "bedrock", now});
  if (!signature.ok()) return signature.status();
  return std::move(signature->headers_to_add);
}

}  // namespace literllm
