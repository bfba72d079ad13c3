// bench-sse-upstream: a fake OpenAI streaming endpoint for benchmarks. One
// epoll thread serves any number of keep-alive connections; every POST gets a
// chunked SSE stream of --tokens content chunks, one every --interval_ms
// (0 = as fast as the socket takes them), then finish, usage and [DONE].
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int port = 0;
  int tokens = 20;
  int interval_ms = 50;
};

struct Connection {
  int fd;
  std::string in;
  std::string out;
  int tokens_left = -1;  // -1: reading a request
  uint64_t generation = 0;
};

std::string Chunk(const std::string& data) {
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return size + data + "\r\n";
}

std::string Event(const std::string& choices, const char* extra = "") {
  return Chunk(
      "data: {\"id\":\"chatcmpl-b\",\"object\":\"chat.completion.chunk\","
      "\"created\":1,\"model\":\"gpt-4o\",\"choices\":" +
      choices + extra + "}\n\n");
}

const std::string kHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
    "Transfer-Encoding: chunked\r\n\r\n" +
    Event(
        R"([{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}])");
const std::string kToken =
    Event(R"([{"index":0,"delta":{"content":"tok "},"finish_reason":null}])");
const std::string kTail =
    Event(R"([{"index":0,"delta":{},"finish_reason":"stop"}])") +
    Event(
        "[]",
        R"(,"usage":{"prompt_tokens":300,"completion_tokens":20,"total_tokens":320})") +
    Chunk("data: [DONE]\n\n") + "0\r\n\r\n";

class Server {
 public:
  explicit Server(Options options) : options_(options) {}

  int Listen() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(options_.port);
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) !=
            0 ||
        listen(listen_fd_, 4096) != 0) {
      std::perror("listen");
      std::exit(1);
    }
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    epoll_ = epoll_create1(0);
    Watch(listen_fd_, EPOLLIN);
    return ntohs(addr.sin_port);
  }

  void Run() {
    std::vector<epoll_event> events(1024);
    while (true) {
      int n = epoll_wait(epoll_, events.data(), events.size(), NextTimeoutMs());
      for (int i = 0; i < n; ++i) {
        int fd = events[i].data.fd;
        if (fd == listen_fd_) {
          Accept();
        } else if (events[i].events & (EPOLLERR | EPOLLHUP)) {
          Close(fd);
        } else {
          if (events[i].events & EPOLLIN) Read(fd);
          if (conns_.count(fd) && (events[i].events & EPOLLOUT))
            Flush(conns_[fd]);
        }
      }
      FireTimers();
    }
  }

 private:
  struct Timer {
    Clock::time_point due;
    int fd;
    uint64_t generation;
    bool operator>(const Timer& o) const { return due > o.due; }
  };

  void Watch(int fd, uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
  }

  void Accept() {
    while (true) {
      int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK);
      if (fd < 0) return;
      int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      conns_[fd].fd = fd;
      Watch(fd, EPOLLIN | EPOLLOUT | EPOLLET);
    }
  }

  void Close(int fd) {
    close(fd);
    conns_.erase(fd);
  }

  void Read(int fd) {
    Connection& c = conns_[fd];
    char buffer[16384];
    while (true) {
      ssize_t n = read(fd, buffer, sizeof buffer);
      if (n == 0) return Close(fd);
      if (n < 0) break;
      c.in.append(buffer, n);
    }
    if (c.tokens_left >= 0) return;  // mid-stream: requests wait their turn
    size_t end = c.in.find("\r\n\r\n");
    if (end == std::string::npos) return;
    size_t length = 0;
    const char* cl = strcasestr(c.in.c_str(), "content-length:");
    if (cl != nullptr && cl < c.in.c_str() + end)
      length = std::strtoul(cl + 15, nullptr, 10);
    if (c.in.size() < end + 4 + length) return;
    c.in.erase(0, end + 4 + length);
    c.tokens_left = options_.tokens;
    c.out += kHead;
    Schedule(c);
    Flush(c);
  }

  void Schedule(Connection& c) {
    timers_.push(
        {Clock::now() + std::chrono::milliseconds(options_.interval_ms), c.fd,
         ++c.generation});
  }

  void FireTimers() {
    auto now = Clock::now();
    while (!timers_.empty() && timers_.top().due <= now) {
      Timer t = timers_.top();
      timers_.pop();
      auto it = conns_.find(t.fd);
      if (it == conns_.end() || it->second.generation != t.generation) continue;
      Connection& c = it->second;
      if (c.tokens_left > 0) {
        c.out += kToken;
        --c.tokens_left;
        Schedule(c);
      } else {
        c.out += kTail;
        c.tokens_left = -1;
      }
      Flush(c);
      if (conns_.count(t.fd) && c.tokens_left == -1 && !c.in.empty())
        Read(t.fd);
    }
  }

  void Flush(Connection& c) {
    while (!c.out.empty()) {
      ssize_t n = send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
      if (n <= 0)
        return;  // EAGAIN: EPOLLOUT (edge) resumes; errors: HUP closes
      c.out.erase(0, n);
    }
  }

  int NextTimeoutMs() const {
    if (timers_.empty()) return 1000;
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        timers_.top().due - Clock::now());
    return wait.count() < 0 ? 0 : static_cast<int>(wait.count());
  }

  Options options_;
  int listen_fd_ = -1;
  int epoll_ = -1;
  std::unordered_map<int, Connection> conns_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      size_t n = std::strlen(name);
      return arg.compare(0, n, name) == 0 ? arg.c_str() + n : nullptr;
    };
    if (const char* v = value("--port="))
      options.port = std::atoi(v);
    else if (const char* v = value("--tokens="))
      options.tokens = std::atoi(v);
    else if (const char* v = value("--interval_ms="))
      options.interval_ms = std::atoi(v);
    else {
      std::fprintf(stderr,
                   "usage: %s [--port=N] [--tokens=N] [--interval_ms=N]\n",
                   argv[0]);
      return 2;
    }
  }
  Server server(options);
  std::printf("port %d\n", server.Listen());
  std::fflush(stdout);
  server.Run();
}
