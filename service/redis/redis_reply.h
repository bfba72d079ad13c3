#ifndef LITERLLM_SERVICE_REDIS_REDIS_REPLY_H_
#define LITERLLM_SERVICE_REDIS_REDIS_REPLY_H_

#include <hiredis/hiredis.h>

#include "absl/status/statusor.h"
#include "service/redis/redis_client.h"

namespace literllm::redis_internal {

// hiredis's reply as ours; a top-level error reply becomes
// FAILED_PRECONDITION "redis: <error text>". An error nested in an array
// (e.g. one of EXEC's results) becomes a kString holding its text.
absl::StatusOr<RedisReply> ToRedisReply(const redisReply& reply);

// Whether Redis answered EVALSHA with NOSCRIPT: it does not have the script
// (restart, failover, SCRIPT FLUSH). The error code is the reply's first
// word, which is how Redis defines error kinds.
bool IsNoScript(const redisReply& reply);

}  // namespace literllm::redis_internal

#endif  // LITERLLM_SERVICE_REDIS_REDIS_REPLY_H_
