// fake-openai: a stand-alone fake OpenAI API on 127.0.0.1 for end-to-end
// tests of the binaries. Prints "port N" once listening; exits when stdin
// closes. Chat answers echo the request's stream flag: a JSON completion, or
// an SSE stream of the same text followed by usage and [DONE].
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "tests/fake_http/fake_http_server.h"
#include "tests/integration/openai_fixtures.h"

namespace literllm::testing {
namespace {

constexpr char kModels[] =
    R"({"object":"list","data":[)"
    R"({"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"},)"
    R"({"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"}]})";

void Answer(const RecordedRequest& request, ResponseWriter& writer) {
  if (request.method == "GET" && request.path == "/v1/models") {
    writer.SendJson(200, kModels);
  } else if (request.path != "/v1/chat/completions") {
    writer.SendJson(
        404, OpenAiError("no such path", "invalid_request_error", "not_found"));
  } else if (absl::StrContains(request.body, R"("stream":true)")) {
    SseHandler(TextStream({"Hello", " from", " the", " fake"}))(request,
                                                                writer);
  } else {
    writer.SendJson(200, OpenAiCompletion("Hello from the fake"));
  }
}

}  // namespace
}  // namespace literllm::testing

int main() {
  literllm::testing::FakeHttpServer server(&literllm::testing::Answer);
  std::printf("port %d\n", server.port());
  std::fflush(stdout);
  char buffer[64];
  while (read(STDIN_FILENO, buffer, sizeof buffer) > 0) {
  }
  return 0;
}
