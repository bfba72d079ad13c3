#include "providers/http/url_parts.h"

#include "gtest/gtest.h"

namespace literllm {
namespace {

TEST(UrlPartsTest, SplitsSchemeHostPortPathAndQuery) {
  std::optional<UrlParts> parts = SplitUrl(
      "HTTPS://user:secret@Bedrock.Example.com:8443/model/a%3Ab?x=1#f");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->scheme, "https");
  EXPECT_EQ(parts->host, "bedrock.example.com");
  EXPECT_EQ(parts->port, "8443");
  EXPECT_EQ(parts->PortNumber(), 8443);
  EXPECT_FALSE(parts->DefaultPort());
  EXPECT_EQ(parts->path, "/model/a%3Ab");
  EXPECT_EQ(parts->query, "x=1");
}

TEST(UrlPartsTest, DefaultPortsAndIpv6) {
  std::optional<UrlParts> https = SplitUrl("https://api.openai.com/v1");
  ASSERT_TRUE(https.has_value());
  EXPECT_EQ(https->PortNumber(), 443);
  EXPECT_TRUE(https->DefaultPort());
  std::optional<UrlParts> http = SplitUrl("http://[::1]:80");
  ASSERT_TRUE(http.has_value());
  EXPECT_EQ(http->host, "[::1]");
  EXPECT_EQ(http->PortNumber(), 80);
  EXPECT_TRUE(http->DefaultPort());
  EXPECT_EQ(http->path, "");
  std::optional<UrlParts> bare = SplitUrl("http://[::1]/v1");
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->host, "[::1]");
  EXPECT_EQ(bare->port, "");
}

TEST(UrlPartsTest, NoSchemeOrNoHostIsNotAUrl) {
  EXPECT_FALSE(SplitUrl("example.com/v1").has_value());
  EXPECT_FALSE(SplitUrl("https:///v1").has_value());
}

}  // namespace
}  // namespace literllm
