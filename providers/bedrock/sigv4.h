#ifndef LITERLLM_PROVIDERS_BEDROCK_SIGV4_H_
#define LITERLLM_PROVIDERS_BEDROCK_SIGV4_H_

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace literllm {

// Long-term or temporary AWS credentials. Printing one (a log, a test
// failure) shows the access key id only, never the secret or
// the session token.
struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // "" for long-term keys

  friend std::ostream& operator<<(std::ostream& os, const AwsCredentials& c) {
    return os << "AwsCredentials{" << c.access_key_id
              << (c.session_token.empty() ? "}" : ", temporary}");
  }
};

using HttpHeaderList = std::vector<std::pair<std::string, std::string>>;

// One request to sign, exactly as it will be sent.
struct SigV4Request {
  std::string method;  // "POST"
  // scheme://host[:port]/path[?query]; the path and the query already
  // percent-encoded as on the wire (a Bedrock model id's ':' as %3A, see
  // AwsUriEncode).
  std::string url;
  // Headers to sign besides Host (taken from `url` unless given here) and
  // the ones the signer adds. Hop-by-hop and tracing headers (User-Agent,
  // Expect, Transfer-Encoding...) are left out, as botocore does.
  HttpHeaderList headers;
  std::string body;
};

// Where and when a signature is valid.
struct SigV4Scope {
  std::string region;   // "us-east-1"
  std::string service;  // "bedrock" for bedrock-runtime
  absl::Time time;
};

// The steps of a signature, for tests and debugging (no secret in them).
struct SigV4Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // lower-case hex
  // What to add to the request: X-Amz-Date, X-Amz-Security-Token (temporary
  // credentials only) and Authorization. No X-Amz-Content-Sha256: botocore
  // sends it for S3 only, and Bedrock signs the payload hash without it.
  HttpHeaderList headers_to_add;
};

// Signs `request` with AWS Signature Version 4 (AWS4-HMAC-SHA256), matching
// botocore's SigV4Auth for services other than S3. InvalidArgument for a
// URL it cannot parse or empty credentials; the error never names a secret.
absl::StatusOr<SigV4Signature> SignV4(const SigV4Request& request,
                                      const AwsCredentials& credentials,
                                      const SigV4Scope& scope);

// RFC 3986 percent-encoding of everything but unreserved characters
// (A-Z a-z 0-9 - _ . ~), with upper-case hex: how an AWS REST path label
// such as a Bedrock model id or ARN goes into a URL.
std::string AwsUriEncode(absl::string_view value, bool keep_slash = false);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_BEDROCK_SIGV4_H_
