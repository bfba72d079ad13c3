#include "tests/fake_http/test_http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace literllm::testing {
namespace {

struct Sink {
  std::string* body;
  size_t abort_after_bytes;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  Sink* sink = static_cast<Sink*>(user);
  sink->body->append(data, size * count);
  if (sink->abort_after_bytes > 0 &&
      sink->body->size() >= sink->abort_after_bytes) {
    return 0;  // makes curl abort the transfer and drop the connection
  }
  return size * count;
}

}  // namespace

CurlResult CurlFetch(CURL* easy, const std::string& url,
                     const CurlOptions& options) {
  CurlResult result;
  Sink sink{&result.body, options.abort_after_bytes};
  curl_slist* headers = nullptr;
  for (const std::string& h : options.headers) {
    headers = curl_slist_append(headers, h.c_str());
  }
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 20000L);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  if (options.post_body.empty()) {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, options.post_body.c_str());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE,
                     static_cast<long>(options.post_body.size()));
  }
  result.code = curl_easy_perform(easy);
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &result.status);
  char* content_type = nullptr;
  curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) result.content_type = content_type;
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  return result;
}

int ConnectLoopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string ReadResponse(int fd) {
  std::string response;
  size_t total = std::string::npos;  // head + body, once the head is known
  char chunk[4096];
  while (total == std::string::npos || response.size() < total) {
    const ssize_t n = recv(fd, chunk, sizeof(chunk), 0);
    if (n <= 0) return "";
    response.append(chunk, n);
    const size_t head_end = response.find("\r\n\r\n");
    if (total != std::string::npos || head_end == std::string::npos) continue;
    size_t length = 0;
    const size_t at = absl::AsciiStrToLower(response).find("content-length:");
    if (at != std::string::npos && at < head_end) {
      const size_t eol = response.find("\r\n", at);
      absl::SimpleAtoi(response.substr(at + 15, eol - at - 15), &length);
    }
    total = head_end + 4 + length;
  }
  return response;
}

}  // namespace literllm::testing
