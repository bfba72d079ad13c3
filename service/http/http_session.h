#ifndef LITERLLM_SERVICE_HTTP_HTTP_SESSION_H_
#define LITERLLM_SERVICE_HTTP_HTTP_SESSION_H_

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "boost/asio/ip/tcp.hpp"
#include "boost/beast/core.hpp"
#include "boost/beast/http.hpp"
#include "service/http/http_exchange.h"

namespace literllm {

class HttpServer;

// One client connection: read a request, hand it to the handler, write its
// answer (whole or chunked), and read the next one (keep-alive). Everything
// runs on the connection's strand, so no lock is needed; HttpResponder calls
// from other threads are posted onto it. While an answer is being produced
// the connection watches its socket, so a client that goes away is noticed
// at once (and the call behind it cancelled), not at the next write.
class HttpSession final : public HttpResponder,
                          public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket socket, HttpServer& server);
  ~HttpSession() override;

  void Run();
  // Draining: an idle connection closes now, a busy one after its answer;
  // `force` closes it now whatever it is doing.
  void Close(bool force);

  void Respond(int status, absl::string_view content_type, std::string body,
               HttpHeaderList headers) override;
  void StartStream(int status, absl::string_view content_type,
                   std::string first,
                   std::function<void(bool ok)> written) override;
  void Write(std::string piece, std::function<void(bool ok)> written) override;
  void EndStream(std::string last) override;
  void OnClientGone(std::function<void()> gone) override;

 private:
  void ReadRequest();
  void OnRequest(boost::beast::error_code ec);
  void WatchSocket();
  void OnSocketEvent(boost::beast::error_code ec, size_t bytes);
  void WriteChunk(std::function<void(bool ok)> written);
  // The answer is on the wire: read the next request or close.
  void Answered(bool keep_alive);
  // An error answered before the handler saw the request, then close.
  void RespondEarly(int status, const std::string& message);
  void RespondAndClose(int status, std::string body);
  void Shut();
  bool KeepAlive() const;

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  HttpServer& server_;
  std::optional<
      boost::beast::http::request_parser<boost::beast::http::string_body>>
      parser_;

  bool client_keep_alive_ = false;
  bool answering_ = false;  // a request is being answered
  bool watching_ = false;   // a socket read is pending while answering
  bool read_after_watch_ = false;
  bool closing_ = false;  // close once the current answer is written
  bool shut_ = false;
  bool broken_ = false;  // a write failed: the client is gone
  std::function<void()> gone_;
  std::array<char, 4096> watched_;

  boost::beast::http::response<boost::beast::http::string_body> response_;
  boost::beast::http::response<boost::beast::http::empty_body> stream_head_;
  std::optional<
      boost::beast::http::response_serializer<boost::beast::http::empty_body>>
      stream_serializer_;
  std::string piece_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_HTTP_SESSION_H_
