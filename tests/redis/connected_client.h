#ifndef LITERLLM_TESTS_REDIS_CONNECTED_CLIENT_H_
#define LITERLLM_TESTS_REDIS_CONNECTED_CLIENT_H_

#include "service/redis/redis_client.h"
#include "tests/redis/redis_server_process.h"

namespace literllm::testing {

// Client options for `redis`, with a command timeout loose enough for
// sanitizer builds.
RedisClient::Options ClientOptionsFor(const RedisServerProcess& redis);

// Starts `client` and waits (up to 5 s) until it is connected; whether it
// is.
bool StartConnected(RedisClient& client);

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_REDIS_CONNECTED_CLIENT_H_
