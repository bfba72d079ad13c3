#include "service/http/http_session.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "boost/asio/post.hpp"
#include "service/http/http_server.h"

namespace literllm {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

// How long a keep-alive connection may sit idle or take to send a request,
// and how long one write of an answer may take (a client that stops reading
// is dropped, not buffered for).
constexpr auto kReadTimeout = std::chrono::seconds(75);
constexpr auto kWriteTimeout = std::chrono::seconds(120);
constexpr size_t kMaxHeaderBytes = 64 << 10;

HttpRequestData ToRequestData(http::request<http::string_body>&& request) {
  HttpRequestData data;
  data.method = std::string(request.method_string());
  data.target = std::string(request.target());
  for (const auto& field : request) {
    data.headers[absl::AsciiStrToLower(absl::string_view(
        field.name_string().data(), field.name_string().size()))] =
        std::string(field.value());
  }
  data.body = std::move(request.body());
  return data;
}

}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket socket, HttpServer& server)
    : stream_(std::move(socket)), server_(server) {}

HttpSession::~HttpSession() { server_.Closed(this); }

void HttpSession::Run() {
  net::post(stream_.get_executor(),
            [self = shared_from_this()] { self->ReadRequest(); });
}

void HttpSession::Close(bool force) {
  net::post(stream_.get_executor(), [self = shared_from_this(), force] {
    self->closing_ = true;
    if (force || !self->answering_) self->Shut();
  });
}

bool HttpSession::KeepAlive() const {
  return client_keep_alive_ && !closing_ && !server_.draining();
}

void HttpSession::ReadRequest() {
  if (shut_) return;
  parser_.emplace();
  parser_->body_limit(server_.max_body_bytes());
  parser_->header_limit(kMaxHeaderBytes);
  stream_.expires_after(kReadTimeout);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, size_t) {
                     self->OnRequest(ec);
                   });
}

void HttpSession::OnRequest(beast::error_code ec) {
  if (ec == http::error::body_limit) {
    return RespondEarly(413, "request body is larger than the limit of " +
                                 std::to_string(server_.max_body_bytes()) +
                                 " bytes");
  }
  if (ec == http::error::header_limit) {
    return RespondEarly(431, "request headers are too large");
  }
  if (ec) {
    // A client that closed, timed out or sent no request at all gets
    // nothing; a malformed request gets a 400.
    bool malformed =
        ec.category() ==
            http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream;
    if (malformed && parser_->got_some()) {
      return RespondEarly(400, "malformed HTTP request: " + ec.message());
    }
    return Shut();
  }
  client_keep_alive_ = parser_->get().keep_alive();
  answering_ = true;
  broken_ = false;
  stream_.expires_never();
  HttpRequestData request = ToRequestData(parser_->release());
  if (buffer_.size() == 0) WatchSocket();  // else: a pipelined request waits
  server_.handler().Handle(std::move(request), shared_from_this());
}

void HttpSession::WatchSocket() {
  watching_ = true;
  stream_.async_read_some(
      net::buffer(watched_),
      [self = shared_from_this()](beast::error_code ec, size_t bytes) {
        self->OnSocketEvent(ec, bytes);
      });
}

void HttpSession::OnSocketEvent(beast::error_code ec, size_t bytes) {
  watching_ = false;
  if (ec) {
    // The client went away (or the connection was shut): stop the work.
    broken_ = true;
    if (answering_ && gone_) std::exchange(gone_, nullptr)();
    if (!answering_) Shut();
    return;
  }
  // The start of the next (pipelined) request: keep it for the parser.
  net::buffer_copy(buffer_.prepare(bytes), net::buffer(watched_, bytes));
  buffer_.commit(bytes);
  if (read_after_watch_) {
    read_after_watch_ = false;
    ReadRequest();
  }
}

void HttpSession::OnClientGone(std::function<void()> gone) {
  net::post(stream_.get_executor(),
            [self = shared_from_this(), gone = std::move(gone)]() mutable {
              if (self->broken_ || self->shut_) {
                gone();
              } else {
                self->gone_ = std::move(gone);
              }
            });
}

void HttpSession::Respond(int status, absl::string_view content_type,
                          std::string body, HttpHeaderList headers) {
  net::post(
      stream_.get_executor(),
      [self = shared_from_this(), status, type = std::string(content_type),
       body = std::move(body), headers = std::move(headers)]() mutable {
        if (self->shut_) return self->Answered(false);
        http::response<http::string_body>& response = self->response_;
        response = {};
        response.version(11);
        response.result(static_cast<unsigned>(status));
        response.set(http::field::content_type, type);
        for (auto& [name, value] : headers) response.set(name, value);
        response.body() = std::move(body);
        response.keep_alive(self->KeepAlive());
        response.prepare_payload();
        self->stream_.expires_after(kWriteTimeout);
        http::async_write(self->stream_, response,
                          [self](beast::error_code ec, size_t) {
                            self->stream_.expires_never();
                            self->Answered(!ec && self->response_.keep_alive());
                          });
      });
}

void HttpSession::StartStream(int status, absl::string_view content_type,
                              std::string first,
                              std::function<void(bool ok)> written) {
  net::post(
      stream_.get_executor(),
      [self = shared_from_this(), status, type = std::string(content_type),
       first = std::move(first), written = std::move(written)]() mutable {
        if (self->shut_ || self->broken_) return written(false);
        auto& head = self->stream_head_;
        head = {};
        head.version(11);
        head.result(static_cast<unsigned>(status));
        head.set(http::field::content_type, type);
        head.set(http::field::cache_control, "no-cache");
        head.keep_alive(self->KeepAlive());
        head.chunked(true);
        self->stream_serializer_.emplace(head);
        self->piece_ = std::move(first);
        self->stream_.expires_after(kWriteTimeout);
        http::async_write_header(self->stream_, *self->stream_serializer_,
                                 [self, written = std::move(written)](
                                     beast::error_code ec, size_t) mutable {
                                   if (ec) {
                                     self->broken_ = true;
                                     return written(false);
                                   }
                                   self->WriteChunk(std::move(written));
                                 });
      });
}

void HttpSession::Write(std::string piece,
                        std::function<void(bool ok)> written) {
  net::post(stream_.get_executor(),
            [self = shared_from_this(), piece = std::move(piece),
             written = std::move(written)]() mutable {
              if (self->shut_ || self->broken_) return written(false);
              self->piece_ = std::move(piece);
              self->stream_.expires_after(kWriteTimeout);
              self->WriteChunk(std::move(written));
            });
}

void HttpSession::WriteChunk(std::function<void(bool ok)> written) {
  // An empty chunk would end the body: there is nothing to write.
  if (piece_.empty()) {
    stream_.expires_never();
    return written(true);
  }
  net::async_write(stream_, http::make_chunk(net::buffer(piece_)),
                   [self = shared_from_this(), written = std::move(written)](
                       beast::error_code ec, size_t) {
                     self->stream_.expires_never();
                     if (ec) self->broken_ = true;
                     written(!ec);
                   });
}

void HttpSession::EndStream(std::string last) {
  net::post(stream_.get_executor(), [self = shared_from_this(),
                                     last = std::move(last)]() mutable {
    if (self->shut_ || self->broken_) return self->Answered(false);
    auto finish = [self](bool ok) {
      if (!ok) return self->Answered(false);
      self->stream_.expires_after(kWriteTimeout);
      net::async_write(self->stream_, http::make_chunk_last(),
                       [self](beast::error_code ec, size_t) {
                         self->stream_.expires_never();
                         self->Answered(!ec && self->stream_head_.keep_alive());
                       });
    };
    if (last.empty()) return finish(true);
    self->piece_ = std::move(last);
    self->stream_.expires_after(kWriteTimeout);
    self->WriteChunk(std::move(finish));
  });
}

void HttpSession::Answered(bool keep_alive) {
  answering_ = false;
  gone_ = nullptr;
  if (!keep_alive || closing_ || broken_ || server_.draining()) return Shut();
  if (watching_) {
    read_after_watch_ = true;  // the pending read starts the next request
  } else {
    ReadRequest();
  }
}

void HttpSession::RespondEarly(int status, const std::string& message) {
  // What Beast parsed of the target, which may be nothing (an oversized
  // head): the handler picks the error's shape by path.
  const auto target = parser_->get().target();
  absl::string_view path(target.data(), target.size());
  path = path.substr(0, path.find('?'));
  RespondAndClose(status,
                  server_.handler().EarlyErrorBody(path, status, message));
}

void HttpSession::RespondAndClose(int status, std::string body) {
  client_keep_alive_ = false;
  answering_ = true;
  Respond(status, "application/json", std::move(body), {});
}

void HttpSession::Shut() {
  if (shut_) return;
  shut_ = true;
  if (gone_) std::exchange(gone_, nullptr)();
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream_.close();
}

}  // namespace literllm
