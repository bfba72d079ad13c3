#ifndef LITERLLM_TESTS_FAKE_HTTP_REQUEST_READER_H_
#define LITERLLM_TESTS_FAKE_HTTP_REQUEST_READER_H_

#include <string>

#include "absl/strings/string_view.h"
#include "tests/fake_http/fake_http_server.h"

namespace literllm::testing {

enum class ReadOutcome {
  kRequest,      // `request` holds the next request
  kClosed,       // the client closed the connection (or the server stopped)
  kMalformed,    // unparseable request: answer 400 and close
  kUnsupported,  // a chunked request body: answer 501 and close
};

// Reads the next request from the blocking socket `fd`. `buffer` carries
// bytes received past the end of one request (pipelining) to the next call.
// Answers "Expect: 100-continue" itself, as curl waits for it.
ReadOutcome ReadRequest(int fd, std::string& buffer, RecordedRequest& request);

// Sends all of `bytes`; false when the peer is gone. Never raises SIGPIPE.
bool SendAll(int fd, absl::string_view bytes);

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_FAKE_HTTP_REQUEST_READER_H_
