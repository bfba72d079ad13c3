#ifndef LITERLLM_SERVICE_HTTP_HTTP_EXCHANGE_H_
#define LITERLLM_SERVICE_HTTP_HTTP_EXCHANGE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace literllm {

// One HTTP request as the fronts see it, without the HTTP library's types.
struct HttpRequestData {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query, as sent
  // Header values by lower-case name (the last one when repeated).
  absl::flat_hash_map<std::string, std::string> headers;
  std::string body;

  std::optional<absl::string_view> Header(absl::string_view name) const;
};

using HttpHeaderList = std::vector<std::pair<std::string, std::string>>;

// One request's way back to its client. Any thread may call these; each
// runs on the connection's own strand, in call order. A response is either
// Respond once, or StartStream, Write any number of times, then EndStream.
// Each `written(ok)` callback runs once the piece is on the wire (ok) or
// the client is gone (not ok); send the next piece only after it.
class HttpResponder {
 public:
  virtual ~HttpResponder() = default;

  virtual void Respond(int status, absl::string_view content_type,
                       std::string body, HttpHeaderList headers = {}) = 0;
  // A chunked response whose first piece is `first`.
  virtual void StartStream(int status, absl::string_view content_type,
                           std::string first,
                           std::function<void(bool ok)> written) = 0;
  virtual void Write(std::string piece,
                     std::function<void(bool ok)> written) = 0;
  virtual void EndStream(std::string last) = 0;
  // `gone` runs once if the client disconnects before the response ended,
  // so the work behind it can stop.
  virtual void OnClientGone(std::function<void()> gone) = 0;
};

// Serves one path (or a family of paths) of the HTTP listener.
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Runs on the connection's strand: must not block. `responder` stays
  // valid as long as the handler keeps it.
  virtual void Handle(HttpRequestData request,
                      std::shared_ptr<HttpResponder> responder) = 0;
  // The JSON body of an error answered before Handle (413: a body over the
  // limit; 431; 400: a malformed request), in the shape the clients of
  // `path` read, so their SDKs raise the right error. Default: OpenAI's.
  virtual std::string EarlyErrorBody(absl::string_view path, int status,
                                     absl::string_view message) const;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_HTTP_EXCHANGE_H_
