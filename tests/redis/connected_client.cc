#include "tests/redis/connected_client.h"

#include "absl/time/clock.h"

namespace literllm::testing {

RedisClient::Options ClientOptionsFor(const RedisServerProcess& redis) {
  RedisClient::Options options;
  options.endpoint.host = "127.0.0.1";
  options.endpoint.port = redis.port();
  options.command_timeout = absl::Seconds(2);
  return options;
}

bool StartConnected(RedisClient& client) {
  client.Start();
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  while (!client.connected() && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  return client.connected();
}

}  // namespace literllm::testing
