#ifndef LITERLLM_SERVICE_REDIS_REDIS_CLIENT_H_
#define LITERLLM_SERVICE_REDIS_REDIS_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace literllm {

// Where Redis is: `redis://[[user]:password@]host[:port][/db]`.
struct RedisEndpoint {
  std::string host;
  int port = 6379;
  std::string username;  // ACL user; empty: the default user
  std::string password;  // a secret: never logged, never in a status
  int db = 0;
};

// Parses a redis:// URL. Errors name what is wrong, never the password.
absl::StatusOr<RedisEndpoint> ParseRedisUrl(absl::string_view url);

// One reply, as hiredis decoded it. Error replies are statuses instead.
struct RedisReply {
  enum class Type { kNil, kInteger, kString, kArray };
  Type type = Type::kNil;
  int64_t integer = 0;
  std::string string;  // bulk and status strings
  std::vector<RedisReply> elements;
};

// An asynchronous Redis connection (hiredis's async API) driven by its own
// event-loop thread (Boost.Asio), started once with the server. Commands may
// be sent from any thread and are pipelined on the one connection; each
// callback runs exactly once, on the loop thread, and must not block.
// Nothing here ever blocks its caller: a command waits at most
// `command_timeout` for its reply, and while Redis is unreachable commands
// fail at once with UNAVAILABLE. A lost connection is re-established in the
// background (backoff up to `max_reconnect_backoff`), and registered
// scripts are loaded again on every new connection.
class RedisClient {
 public:
  struct Options {
    RedisEndpoint endpoint;
    absl::Duration command_timeout = absl::Milliseconds(50);
    absl::Duration connect_timeout = absl::Seconds(1);
    absl::Duration max_reconnect_backoff = absl::Seconds(2);
  };
  // The reply; UNAVAILABLE naming Redis when it could not be asked or did
  // not answer in time; the error reply's text (FAILED_PRECONDITION) when
  // Redis refused the command; CANCELLED once the client is stopping.
  using Callback = absl::AnyInvocable<void(absl::StatusOr<RedisReply>) &&>;
  // A Lua script registered with the client, run by its SHA-1.
  using ScriptId = int;

  explicit RedisClient(Options options);
  ~RedisClient();  // Stop()
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Called on the loop thread each time a connection becomes ready (after
  // its scripts are loaded), e.g. to send what was kept while Redis was
  // away. Registered before Start; must not block.
  void OnConnected(absl::AnyInvocable<void()> hook);
  // Registers a script before Start; SCRIPT LOAD runs on each connection.
  ScriptId AddScript(std::string source);
  // Starts the loop thread and the first connection attempt; returns at
  // once (a Redis that is down now is retried in the background).
  void Start();
  // Fails what is pending with CANCELLED, closes the connection and joins
  // the loop thread. Idempotent.
  void Stop();

  // Sends one command (binary-safe arguments). Before Start and after Stop
  // there is no loop thread: the callback then runs at once on the caller's
  // thread (UNAVAILABLE before Start, CANCELLED after Stop).
  void Command(std::vector<std::string> args, Callback done);
  // EVALSHA of a registered script; loads it again if Redis forgot it
  // (NOSCRIPT, e.g. after a restart or a failover).
  void Eval(ScriptId script, std::vector<std::string> keys,
            std::vector<std::string> args, Callback done);

  // Runs `fn` on the loop thread after `delay` (e.g. to send what gathered
  // meanwhile in one command); never, once the client is stopping. Must not
  // block.
  void After(absl::Duration delay, absl::AnyInvocable<void()> fn);

  // Whether the connection is up (ready for commands) right now.
  bool connected() const;

 private:
  class Loop;
  std::unique_ptr<Loop> loop_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_REDIS_REDIS_CLIENT_H_
