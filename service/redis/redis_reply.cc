#include "service/redis/redis_reply.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace literllm::redis_internal {
namespace {

absl::string_view Text(const redisReply& reply) {
  return reply.str == nullptr ? absl::string_view()
                              : absl::string_view(reply.str, reply.len);
}

RedisReply Convert(const redisReply& reply) {
  RedisReply out;
  switch (reply.type) {
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = reply.integer;
      break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      out.type = RedisReply::Type::kString;
      out.string = std::string(Text(reply));
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      out.elements.reserve(reply.elements);
      for (size_t i = 0; i < reply.elements; ++i) {
        out.elements.push_back(Convert(*reply.element[i]));
      }
      break;
    default:  // REDIS_REPLY_NIL
      break;
  }
  return out;
}

}  // namespace

absl::StatusOr<RedisReply> ToRedisReply(const redisReply& reply) {
  if (reply.type == REDIS_REPLY_ERROR) {
    return absl::FailedPreconditionError(absl::StrCat("redis: ", Text(reply)));
  }
  return Convert(reply);
}

bool IsNoScript(const redisReply& reply) {
  return reply.type == REDIS_REPLY_ERROR &&
         absl::StartsWith(Text(reply), "NOSCRIPT");
}

}  // namespace literllm::redis_internal
