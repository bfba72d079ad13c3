#include "providers/bedrock/sigv4.h"

#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

// The AWS SigV4 test suite's credentials, scope and clock.
const AwsCredentials kSuiteCredentials{
    "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
SigV4Scope SuiteScope() {
  return {"us-east-1", "service",
          absl::FromCivil(absl::CivilSecond(2015, 8, 30, 12, 36, 0),
                          absl::UTCTimeZone())};
}

SigV4Signature Sign(const SigV4Request& request,
                    const AwsCredentials& credentials = kSuiteCredentials,
                    const SigV4Scope& scope = SuiteScope()) {
  absl::StatusOr<SigV4Signature> signature =
      SignV4(request, credentials, scope);
  EXPECT_TRUE(signature.ok()) << signature.status();
  return signature.value_or(SigV4Signature{});
}

// The n-th line of the canonical request (1: URI, 2: query, ...).
std::string CanonicalLine(const SigV4Signature& s, int n) {
  std::vector<std::string> lines = absl::StrSplit(s.canonical_request, '\n');
  return lines.at(n);
}

TEST(SignV4Test, AwsSuiteGetVanilla) {
  SigV4Signature s = Sign({"GET", "https://example.amazonaws.com/", {}, ""});
  EXPECT_EQ(s.canonical_request,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z"
            "\n\nhost;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n"
            "20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  EXPECT_THAT(
      s.headers_to_add,
      ElementsAre(
          Pair("X-Amz-Date", "20150830T123600Z"),
          Pair("Authorization",
               "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
               "service/aws4_request, SignedHeaders=host;x-amz-date, "
               "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8a"
               "ae1d763fbf31")));
}

TEST(SignV4Test, AwsSuitePostVanilla) {
  EXPECT_EQ(Sign({"POST", "https://example.amazonaws.com/", {}, ""}).signature,
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
}

TEST(SignV4Test, AwsSuiteQueryOrderKeyCase) {
  SigV4Signature s = Sign({"GET",
                           "https://example.amazonaws.com/"
                           "?Param2=value2&Param1=value1",
                           {},
                           ""});
  EXPECT_EQ(CanonicalLine(s, 2), "Param1=value1&Param2=value2");
  EXPECT_EQ(s.signature,
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SignV4Test, AwsSuitePostFormBody) {
  SigV4Signature s =
      Sign({"POST",
            "https://example.amazonaws.com/",
            {{"Content-Type", "application/x-www-form-urlencoded"}},
            "Param1=value1"});
  EXPECT_EQ(s.signature,
            "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
}

TEST(SignV4Test, ModelIdIsEncodedTwiceInTheCanonicalUri) {
  SigV4Signature s =
      Sign({"POST",
            "https://bedrock-runtime.us-east-1.amazonaws.com/model/"
            "us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream",
            {},
            "{}"});
  EXPECT_EQ(CanonicalLine(s, 1),
            "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%253A0/"
            "converse-stream");
}

TEST(SignV4Test, PathDropsEmptyAndDotSegmentsKeepsTrailingSlash) {
  SigV4Signature s =
      Sign({"GET", "https://example.amazonaws.com//a/./b/../c/", {}, ""});
  EXPECT_EQ(CanonicalLine(s, 1), "/a/c/");
}

TEST(SignV4Test, QueryIsReEncodedAndSortedByNameThenValue) {
  SigV4Signature s = Sign(
      {"GET", "https://example.amazonaws.com/?b=%7e&a=2&a=1&c=x:y&d", {}, ""});
  EXPECT_EQ(CanonicalLine(s, 2), "a=1&a=2&b=~&c=x%3Ay&d=");
}

TEST(SignV4Test, HeadersLowerCasedTrimmedJoinedAndHopByHopSkipped) {
  SigV4Signature s = Sign({"post",
                           "http://LocalHost:8080/x",
                           {{"X-Custom", "  a   b\tc "},
                            {"x-custom", "second"},
                            {"User-Agent", "literllm"},
                            {"Transfer-Encoding", "chunked"}},
                           ""});
  EXPECT_EQ(CanonicalLine(s, 0), "POST");
  EXPECT_EQ(CanonicalLine(s, 3), "host:localhost:8080");
  EXPECT_EQ(CanonicalLine(s, 5), "x-custom:a b c,second");
  EXPECT_EQ(CanonicalLine(s, 7), "host;x-amz-date;x-custom");
}

TEST(SignV4Test, DefaultPortIsLeftOutOfHost) {
  SigV4Signature s =
      Sign({"GET", "https://user@Example.amazonaws.com:443/", {}, ""});
  EXPECT_EQ(CanonicalLine(s, 3), "host:example.amazonaws.com");
}

TEST(SignV4Test, SessionTokenIsAddedAndSigned) {
  AwsCredentials temporary = kSuiteCredentials;
  temporary.session_token = "token/with+chars=";
  SigV4Signature s =
      Sign({"GET", "https://example.amazonaws.com/", {}, ""}, temporary);
  EXPECT_THAT(s.headers_to_add.at(1),
              Pair("X-Amz-Security-Token", "token/with+chars="));
  EXPECT_THAT(s.headers_to_add.at(2).second,
              HasSubstr("SignedHeaders=host;x-amz-date;x-amz-security-token,"));
}

TEST(SignV4Test, GivenContentSha256IsThePayloadHash) {
  SigV4Signature s = Sign({"PUT",
                           "https://example.amazonaws.com/",
                           {{"X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"}},
                           "body"});
  EXPECT_THAT(s.canonical_request, testing::EndsWith("\nUNSIGNED-PAYLOAD"));
}

TEST(SignV4Test, ErrorsNeverShowTheSecret) {
  AwsCredentials credentials = kSuiteCredentials;
  absl::StatusOr<SigV4Signature> bad_url = SignV4(
      {"GET", "example.amazonaws.com/", {}, ""}, credentials, SuiteScope());
  EXPECT_EQ(bad_url.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_url.status().message(),
              Not(HasSubstr(credentials.secret_access_key)));
  credentials.secret_access_key.clear();
  EXPECT_EQ(SignV4({"GET", "https://example.amazonaws.com/", {}, ""},
                   credentials, SuiteScope())
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(AwsCredentialsTest, PrintsNeitherSecretNorToken) {
  AwsCredentials c{"AKIDEXAMPLE", "very-secret", "session-token"};
  std::ostringstream printed;
  printed << c;
  EXPECT_EQ(printed.str(), "AwsCredentials{AKIDEXAMPLE, temporary}");
}

TEST(AwsUriEncodeTest, EncodesAllButUnreserved) {
  EXPECT_EQ(AwsUriEncode("anthropic.claude-3-5-sonnet-20240620-v1:0"),
            "anthropic.claude-3-5-sonnet-20240620-v1%3A0");
  EXPECT_EQ(AwsUriEncode("arn:aws:bedrock:x/y z~"),
            "arn%3Aaws%3Abedrock%3Ax%2Fy%20z~");
  EXPECT_EQ(AwsUriEncode("a/b", /*keep_slash=*/true), "a/b");
  EXPECT_EQ(AwsUriEncode("\xC3\xA9"), "%C3%A9");
}

}  // namespace
}  // namespace literllm
