#ifndef LITERLLM_TESTS_REDIS_REDIS_SERVER_PROCESS_H_
#define LITERLLM_TESTS_REDIS_REDIS_SERVER_PROCESS_H_

#include <sys/types.h>

#include <string>

namespace literllm::testing {

// A real /usr/bin/redis-server, started as a child process on a free
// 127.0.0.1 port with no persistence and its own temporary directory. The
// constructor returns once it answers PING; when it cannot start, the
// current test fails (ADD_FAILURE) and running() is false.
class RedisServerProcess {
 public:
  // A non-empty `password` is required of clients (--requirepass).
  explicit RedisServerProcess(std::string password = "");
  RedisServerProcess(const RedisServerProcess&) = delete;
  RedisServerProcess& operator=(const RedisServerProcess&) = delete;
  ~RedisServerProcess();  // Stop()

  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string url() const;  // redis://127.0.0.1:<port>, without password

  // SIGKILL, and waits for the exit.
  void Kill();
  // Starts again on the same port, after Kill.
  void Restart();
  // SIGSTOP / SIGCONT: a Redis that accepts connections but never answers.
  void Pause();
  void Resume();
  // SIGTERM (SIGKILL after a few seconds), waits, removes the directory.
  void Stop();

 private:
  // Starts redis-server on port_; false when it exited at once (e.g. the
  // port was taken).
  bool Spawn();
  bool AnswersPing() const;
  void Reap(int signal_number);

  std::string password_;
  std::string dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_REDIS_REDIS_SERVER_PROCESS_H_
