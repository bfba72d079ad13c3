#ifndef LITERLLM_TESTS_FAKE_HTTP_TEST_HTTP_CLIENT_H_
#define LITERLLM_TESTS_FAKE_HTTP_TEST_HTTP_CLIENT_H_

#include <curl/curl.h>

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

// Clients that prove the fake server speaks real HTTP: libcurl for what a
// provider client does, raw sockets for what curl would not do.
namespace literllm::testing {

struct CurlResult {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string content_type;
  std::string body;
};

struct CurlOptions {
  std::string post_body;             // empty: GET
  std::vector<std::string> headers;  // "Name: value"
  size_t abort_after_bytes = 0;      // 0: read everything
};

// Performs one transfer on `easy`, which keeps its connection for the next.
CurlResult CurlFetch(CURL* easy, const std::string& url,
                     const CurlOptions& options = {});

// A blocking socket connected to 127.0.0.1:`port`, or -1.
int ConnectLoopback(int port);
// Reads one response head and its Content-Length body; "" on EOF or error.
std::string ReadResponse(int fd);

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_FAKE_HTTP_TEST_HTTP_CLIENT_H_
