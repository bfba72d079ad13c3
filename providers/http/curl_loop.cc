#include "providers/http/curl_loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/base/call_once.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "providers/http/provider_failure.h"

namespace literllm {
namespace {

void GlobalInitOnce() {
  static absl::once_flag once;
  absl::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      std::abort();  // no TLS or socket layer: nothing can work
    }
  });
}

// The one place a libcurl result becomes a status.
absl::Status CurlCodeToStatus(CURLcode code, const char* error_buffer) {
  if (code == CURLE_OK) return absl::OkStatus();
  std::string detail =
      error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return WithFailureKind(
          absl::UnknownError(absl::StrCat("upstream timed out: ", detail)),
          FailureKind::kTimeout);
    case CURLE_WRITE_ERROR:
    case CURLE_ABORTED_BY_CALLBACK:
      return WithFailureKind(absl::UnknownError("transfer aborted"),
                             FailureKind::kCancelled);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return WithFailureKind(
          absl::UnknownError(absl::StrCat("bad URL: ", detail)),
          FailureKind::kBadRequest);
    default:
      return WithFailureKind(
          absl::UnknownError(absl::StrCat("connection failed: ", detail)),
          FailureKind::kNetwork);
  }
}

}  // namespace

struct CurlLoop::Transfer {
  TransferId id = 0;
  HttpRequest request;
  HttpResponseHandler* handler = nullptr;
  absl::Time deadline;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  HttpResponseHead head;
  bool head_delivered = false;
  char error[CURL_ERROR_SIZE] = {0};

  // The easy handle goes back to the transport's pool, not here.
  ~Transfer() { curl_slist_free_all(headers); }

  void DeliverHead() {
    if (head_delivered) return;
    head_delivered = true;
    long code = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
    head.status = static_cast<int>(code);
    handler->OnHead(head);
  }

  static size_t OnHeader(char* data, size_t size, size_t count, void* self) {
    auto* t = static_cast<Transfer*>(self);
    absl::string_view line(data, size * count);
    if (absl::StartsWith(line, "HTTP/")) {
      t->head.headers.clear();  // a new response (e.g. after 100 Continue)
    } else if (size_t colon = line.find(':'); colon != line.npos) {
      t->head.headers.emplace_back(
          std::string(absl::StripAsciiWhitespace(line.substr(0, colon))),
          std::string(absl::StripAsciiWhitespace(line.substr(colon + 1))));
    }
    return size * count;
  }

  static size_t OnWrite(char* data, size_t size, size_t count, void* self) {
    auto* t = static_cast<Transfer*>(self);
    t->DeliverHead();
    switch (t->handler->OnBody(absl::string_view(data, size * count))) {
      case HttpResponseHandler::BodyAction::kContinue:
        return size * count;
      case HttpResponseHandler::BodyAction::kPause:
        return CURL_WRITEFUNC_PAUSE;
      case HttpResponseHandler::BodyAction::kAbort:
        return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
    }
    return 0;
  }
};

CurlLoop::CurlLoop(Options options)
    : options_(options),
      multi_((GlobalInitOnce(), curl_multi_init())),
      epoll_fd_(epoll_create1(EPOLL_CLOEXEC)),
      wake_fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)),
      next_id_(options.first_id) {
  if (epoll_fd_ < 0 || wake_fd_ < 0)
    std::abort();  // out of descriptors at start
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.fd = wake_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake);
  curl_multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  // libcurl's default pool follows the number of transfers in flight, so
  // every dip in load closed idle connections that the next burst re-opened.
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS,
                    static_cast<long>(kMaxIdleConnections));
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlLoop::OnSocket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlLoop::OnTimer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  loop_ = std::thread([this] { Loop(); });
}

CurlLoop::~CurlLoop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  Wake();
  loop_.join();
  for (CURL* easy : idle_easy_) curl_easy_cleanup(easy);
  curl_multi_cleanup(multi_);
  close(wake_fd_);
  close(epoll_fd_);
}

TransferId CurlLoop::Start(HttpRequest request, absl::Time deadline,
                           HttpResponseHandler* handler) {
  auto transfer = std::make_unique<Transfer>();
  transfer->id = next_id_.fetch_add(options_.id_stride);
  transfer->request = std::move(request);
  transfer->deadline = deadline;
  transfer->handler = handler;
  TransferId id = transfer->id;
  Post(StartCommand{std::move(transfer)});
  return id;
}

void CurlLoop::Cancel(TransferId id) { Post(CancelCommand{id}); }
void CurlLoop::Resume(TransferId id) { Post(ResumeCommand{id}); }

void CurlLoop::Post(Command command) {
  {
    absl::MutexLock lock(&mu_);
    commands_.push_back(std::move(command));
  }
  Wake();
}

void CurlLoop::Wake() {
  // One pending wake-up is enough however many commands queue behind it.
  if (wake_pending_.exchange(true)) return;
  uint64_t one = 1;
  (void)!write(wake_fd_, &one, sizeof one);
}

int CurlLoop::OnSocket(CURL* easy, curl_socket_t socket, int what, void* self,
                       void* socket_data) {
  auto* transport = static_cast<CurlLoop*>(self);
  if (what == CURL_POLL_REMOVE) {
    epoll_ctl(transport->epoll_fd_, EPOLL_CTL_DEL, socket, nullptr);
    return 0;
  }
  epoll_event event{};
  event.data.fd = socket;
  event.events = ((what & CURL_POLL_IN) ? uint32_t{EPOLLIN} : 0u) |
                 ((what & CURL_POLL_OUT) ? uint32_t{EPOLLOUT} : 0u);
  if (socket_data == nullptr) {
    // First sight of this socket: mark it so later calls modify instead.
    curl_multi_assign(transport->multi_, socket, transport);
    epoll_ctl(transport->epoll_fd_, EPOLL_CTL_ADD, socket, &event);
  } else {
    epoll_ctl(transport->epoll_fd_, EPOLL_CTL_MOD, socket, &event);
  }
  return 0;
}

int CurlLoop::OnTimer(CURLM* multi, long timeout_ms, void* self) {
  auto* transport = static_cast<CurlLoop*>(self);
  transport->timer_due_ = timeout_ms < 0
                              ? absl::InfiniteFuture()
                              : absl::Now() + absl::Milliseconds(timeout_ms);
  return 0;
}

int CurlLoop::TimerWaitMs() const {
  if (timer_due_ == absl::InfiniteFuture()) return -1;
  int64_t ms = absl::ToInt64Milliseconds(
      absl::Ceil(timer_due_ - absl::Now(), absl::Milliseconds(1)));
  return static_cast<int>(std::clamp<int64_t>(ms, 0, 60'000));
}

// libcurl's socket interface: only sockets that are ready are visited, so the
// cost of a wake-up does not grow with the number of transfers in flight.
void CurlLoop::Loop() {
  constexpr int kMaxEvents = 256;
  epoll_event events[kMaxEvents];
  bool running_loop = true;
  while (running_loop) {
    int n = epoll_wait(epoll_fd_, events, kMaxEvents, TimerWaitMs());
    int running = 0;
    for (int i = 0; i < n; ++i) {
      int fd = events[i].data.fd;
      if (fd == wake_fd_) {
        uint64_t count;
        (void)!read(wake_fd_, &count, sizeof count);
        wake_pending_.store(false);
        running_loop = RunCommands();
        continue;
      }
      int mask =
          ((events[i].events & EPOLLIN) ? CURL_CSELECT_IN : 0) |
          ((events[i].events & EPOLLOUT) ? CURL_CSELECT_OUT : 0) |
          ((events[i].events & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
      curl_multi_socket_action(multi_, fd, mask, &running);
    }
    if (timer_due_ <= absl::Now()) {
      timer_due_ = absl::InfiniteFuture();
      curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
    }
    CollectFinished();
  }
  std::vector<TransferId> ids;
  for (const auto& [id, transfer] : transfers_) ids.push_back(id);
  for (TransferId id : ids) {
    Finish(id, absl::CancelledError("transport shutting down"));
  }
}

bool CurlLoop::RunCommands() {
  std::vector<Command> commands;
  bool stopping;
  {
    absl::MutexLock lock(&mu_);
    commands.swap(commands_);
    stopping = stopping_;
  }
  for (Command& command : commands) {
    if (auto* start = std::get_if<StartCommand>(&command)) {
      Begin(std::move(start->transfer));
    } else if (auto* cancel = std::get_if<CancelCommand>(&command)) {
      Finish(cancel->id, absl::CancelledError("cancelled"));
    } else if (auto* resume = std::get_if<ResumeCommand>(&command)) {
      auto it = transfers_.find(resume->id);
      if (it != transfers_.end())
        curl_easy_pause(it->second->easy, CURLPAUSE_CONT);
    }
  }
  return !stopping;
}

void CurlLoop::Begin(std::unique_ptr<Transfer> transfer) {
  Transfer* t = transfer.get();
  t->easy = TakeEasy();
  CURL* easy = t->easy;
  curl_easy_setopt(easy, CURLOPT_URL, t->request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->error);
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  // Waiting to learn whether a connection multiplexes only pays off where
  // HTTP/2 is possible (TLS); on cleartext HTTP/1.1 it would hold every
  // concurrent transfer until the first response's headers arrive.
  if (absl::StartsWith(t->request.url, "https://")) {
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
  }
  curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(
      easy, CURLOPT_TCP_KEEPIDLE,
      static_cast<long>(absl::ToInt64Seconds(options_.tcp_keepalive)));
  curl_easy_setopt(
      easy, CURLOPT_CONNECTTIMEOUT_MS,
      static_cast<long>(absl::ToInt64Milliseconds(options_.connect_timeout)));
  if (t->deadline != absl::InfiniteFuture()) {
    int64_t ms = absl::ToInt64Milliseconds(t->deadline - absl::Now());
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(std::max<int64_t>(ms, 1)));
  }
  for (const auto& [name, value] : t->request.headers) {
    t->headers =
        curl_slist_append(t->headers, absl::StrCat(name, ": ", value).c_str());
  }
  // libcurl would otherwise wait for "100 Continue" before sending large
  // bodies.
  t->headers = curl_slist_append(t->headers, "Expect:");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);
  if (!t->request.body.empty()) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t->request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(t->request.body.size()));
  }
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Transfer::OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, t);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Transfer::OnWrite);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
  TransferId id = t->id;
  transfers_.emplace(id, std::move(transfer));
  if (CURLMcode rc = curl_multi_add_handle(multi_, easy); rc != CURLM_OK) {
    t->easy = nullptr;  // never added: clean up here instead of in Finish
    curl_easy_cleanup(easy);
    Finish(id, absl::InternalError(absl::StrCat("curl_multi_add_handle: ",
                                                curl_multi_strerror(rc))));
  }
}

void CurlLoop::CollectFinished() {
  int pending = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &pending)) {
    if (msg->msg != CURLMSG_DONE) continue;
    Transfer* t = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
    long connects = 0;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_NUM_CONNECTS, &connects);
    connections_opened_ += connects;
    absl::Status status = CurlCodeToStatus(msg->data.result, t->error);
    if (!t->head_delivered) {
      long code = 0;
      curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
      if (code > 0) t->DeliverHead();  // an answer with an empty body
    }
    Finish(t->id, std::move(status));
  }
}

CURL* CurlLoop::TakeEasy() {
  if (idle_easy_.empty()) return curl_easy_init();
  CURL* easy = idle_easy_.back();
  idle_easy_.pop_back();
  return easy;
}

// Handles are reused: setting one up from scratch is a large allocation and
// dozens of defaults per request.
void CurlLoop::ReturnEasy(CURL* easy) {
  if (idle_easy_.size() >= kMaxIdleEasyHandles) {
    curl_easy_cleanup(easy);
    return;
  }
  curl_easy_reset(easy);
  idle_easy_.push_back(easy);
}

void CurlLoop::Finish(TransferId id, absl::Status status) {
  auto it = transfers_.find(id);
  if (it == transfers_.end()) return;  // already finished
  std::unique_ptr<Transfer> transfer = std::move(it->second);
  transfers_.erase(it);
  if (transfer->easy != nullptr) {
    curl_multi_remove_handle(multi_, transfer->easy);
    ReturnEasy(transfer->easy);
  }
  transfer->handler->OnComplete(std::move(status));
}

}  // namespace literllm
