#ifndef LITERLLM_PROVIDERS_HTTP_HTTP_REQUEST_H_
#define LITERLLM_PROVIDERS_HTTP_HTTP_REQUEST_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace literllm {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// What a provider codec asks the transport to send. A request with a body is a
// POST, one without is a GET.
struct HttpRequest {
  std::string url;
  HttpHeaders headers;
  std::string body;
};

// Status line and headers of a provider's answer.
struct HttpResponseHead {
  int status = 0;
  HttpHeaders headers;

  // A 2xx answer: the body is the provider's result, not its error.
  bool ok() const { return status >= 200 && status <= 299; }

  // The first header with this name (case-insensitive), or "" when absent.
  absl::string_view Header(absl::string_view name) const;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_HTTP_REQUEST_H_
