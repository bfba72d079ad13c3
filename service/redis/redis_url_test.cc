#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/redis/redis_client.h"

namespace literllm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ParseRedisUrlTest, HostOnlyTakesDefaults) {
  absl::StatusOr<RedisEndpoint> e = ParseRedisUrl("redis://cache.internal");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->host, "cache.internal");
  EXPECT_EQ(e->port, 6379);
  EXPECT_EQ(e->username, "");
  EXPECT_EQ(e->password, "");
  EXPECT_EQ(e->db, 0);
}

TEST(ParseRedisUrlTest, EveryPart) {
  absl::StatusOr<RedisEndpoint> e =
      ParseRedisUrl("redis://gateway:s3cret@10.0.0.5:6380/3");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->host, "10.0.0.5");
  EXPECT_EQ(e->port, 6380);
  EXPECT_EQ(e->username, "gateway");
  EXPECT_EQ(e->password, "s3cret");
  EXPECT_EQ(e->db, 3);
}

TEST(ParseRedisUrlTest, PasswordWithoutUser) {
  absl::StatusOr<RedisEndpoint> e = ParseRedisUrl("redis://:pw@localhost/");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->username, "");
  EXPECT_EQ(e->password, "pw");
  EXPECT_EQ(e->db, 0);
}

TEST(ParseRedisUrlTest, PercentDecodesCredentials) {
  absl::StatusOr<RedisEndpoint> e =
      ParseRedisUrl("redis://us%65r:p%40ss%3Aw%2fd@h:1");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->username, "user");
  EXPECT_EQ(e->password, "p@ss:w/d");
  EXPECT_EQ(e->port, 1);
}

TEST(ParseRedisUrlTest, RawSpecialCharactersInPassword) {
  absl::StatusOr<RedisEndpoint> e = ParseRedisUrl("redis://:a@b/c?d:e@h/1");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->password, "a@b/c?d:e");
  EXPECT_EQ(e->host, "h");
  EXPECT_EQ(e->db, 1);
}

TEST(ParseRedisUrlTest, Ipv6Literal) {
  absl::StatusOr<RedisEndpoint> e = ParseRedisUrl("redis://[::1]:7000/2");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->host, "::1");
  EXPECT_EQ(e->port, 7000);
  EXPECT_EQ(e->db, 2);
}

struct BadUrl {
  const char* url;
  const char* message;  // part of the expected error
};

class ParseRedisUrlBadTest : public ::testing::TestWithParam<BadUrl> {};

TEST_P(ParseRedisUrlBadTest, NamesTheProblem) {
  absl::StatusOr<RedisEndpoint> e = ParseRedisUrl(GetParam().url);
  ASSERT_FALSE(e.ok()) << GetParam().url;
  EXPECT_EQ(e.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(e.status().message(), HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Urls, ParseRedisUrlBadTest,
    ::testing::Values(BadUrl{"", "must start with redis://"},
                      BadUrl{"localhost:6379", "must start with redis://"},
                      BadUrl{"http://h", "scheme must be redis://, got 'http"},
                      BadUrl{"rediss://h", "got 'rediss://'"},
                      BadUrl{"redis://", "missing host"},
                      BadUrl{"redis://:6379", "missing host"},
                      BadUrl{"redis://h:", "port must be 1..65535, got ''"},
                      BadUrl{"redis://h:0", "port must be 1..65535"},
                      BadUrl{"redis://h:65536", "port must be 1..65535"},
                      BadUrl{"redis://h:-1", "port must be 1..65535"},
                      BadUrl{"redis://h:+1", "port must be 1..65535"},
                      BadUrl{"redis://h:63x", "got '63x'"},
                      BadUrl{"redis://[::1", "missing ']'"},
                      BadUrl{"redis://[::1]x", "expected ':port'"},
                      BadUrl{"redis://h/x", "database must be a number"},
                      BadUrl{"redis://h/-1", "database must be a number"},
                      BadUrl{"redis://h/1/2", "database must be a number"},
                      BadUrl{"redis://h/0?timeout=1", "query"},
                      BadUrl{"redis://user@h", "[user]:password@"},
                      BadUrl{"redis://u:@h", "password after ':' is empty"},
                      BadUrl{"redis://u:%zz@h",
                             "percent-encoding in the "
                             "password"}));

// Whatever is wrong, the password never appears in the error.
TEST(ParseRedisUrlTest, ErrorsNeverHoldThePassword) {
  const char* kSecret = "hunter2secret";
  for (const char* url : {
           "redis://u:hunter2secret@h:99999",
           "redis://u:hunter2secret@h/notadb",
           "redis://u:hunter2secret@:1",
           "redis://u:hunter2secret%@h",
           "redis://u:hunter2secret@h?x=1",
           "redis://hunter2secret@h",
           "http://u:hunter2secret@h",
           "redis://u:hunter2/secret@h:x",
           "redis://u:hunter2/secret@h/x",
           "redis://u:hunter2?secret@h?x=1",
           "redis://:hunter2secret:x@h:y",
       }) {
    absl::StatusOr<RedisEndpoint> e = ParseRedisUrl(url);
    ASSERT_FALSE(e.ok()) << url;
    EXPECT_THAT(e.status().ToString(), Not(HasSubstr(kSecret))) << url;
    EXPECT_THAT(e.status().ToString(), Not(HasSubstr("hunter2"))) << url;
  }
}

}  // namespace
}  // namespace literllm
