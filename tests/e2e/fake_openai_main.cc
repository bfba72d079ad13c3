// fake-openai: a stand-alone fake OpenAI API on 127.0.0.1 for end-to-end
// tests of the binaries and the clients. Prints "port N" once listening;
// exits when stdin closes. Chat answers follow the request: a tool call to
// the first tool when tools are offered (text once a tool result is in), a JSON
// object when response_format asks for JSON, else text; as one completion, or
// streamed (SSE) with usage and [DONE] when the request streams.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "tests/fake_http/fake_http_server.h"
#include "tests/integration/openai_fixtures.h"

namespace literllm::testing {
namespace {

constexpr char kModels[] =
    R"({"object":"list","data":[)"
    R"({"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"},)"
    R"({"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"}]})";

constexpr char kJsonAnswer[] = R"({\"city\":\"Paris\",\"temperature_c\":18})";

// The name of the first tool offered, or "" when there is none.
std::string FirstToolName(absl::string_view body) {
  size_t tools = body.find(R"("tools":[)");
  if (tools == absl::string_view::npos) return "";
  size_t name = body.find(R"("name":")", tools);
  if (name == absl::string_view::npos) return "";
  name += 8;
  return std::string(body.substr(name, body.find('"', name) - name));
}

std::string ToolCallCompletion(const std::string& tool) {
  return absl::StrCat(
      R"({"id":"chatcmpl-2","object":"chat.completion","created":1741570283,)"
      R"("model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":)"
      R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_1",)"
      R"("type":"function","function":{"name":")",
      tool,
      R"(","arguments":"{\"location\":\"Paris\"}"}}]},)"
      R"("finish_reason":"tool_calls"}],"usage":{"prompt_tokens":30,)"
      R"("completion_tokens":10,"total_tokens":40}})");
}

std::vector<std::string> ToolCallStream(const std::string& tool) {
  return {
      ChunkEvent(absl::StrCat(
          R"([{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,)"
          R"("id":"call_1","type":"function","function":{"name":")",
          tool, R"(","arguments":""}}]}}])")),
      ChunkEvent(R"([{"index":0,"delta":{"tool_calls":[{"index":0,"function":)"
                 R"({"arguments":"{\"location\":"}}]}}])"),
      ChunkEvent(R"([{"index":0,"delta":{"tool_calls":[{"index":0,"function":)"
                 R"({"arguments":"\"Paris\"}"}}]}}])"),
      ChunkEvent(R"([{"index":0,"delta":{},"finish_reason":"tool_calls"}])"),
      UsageEvent(),
      "data: [DONE]\n\n"};
}

void Answer(const RecordedRequest& request, ResponseWriter& writer) {
  if (request.method == "GET" && request.path == "/v1/models") {
    writer.SendJson(200, kModels);
    return;
  }
  if (request.path != "/v1/chat/completions") {
    writer.SendJson(
        404, OpenAiError("no such path", "invalid_request_error", "not_found"));
    return;
  }
  bool stream = absl::StrContains(request.body, R"("stream":true)");
  // After a tool's result comes back, the model answers in text.
  std::string tool = absl::StrContains(request.body, R"("role":"tool")")
                         ? ""
                         : FirstToolName(request.body);
  bool json =
      absl::StrContains(request.body, R"("response_format":{"type":"json)");
  if (!tool.empty() && stream) {
    SseHandler(ToolCallStream(tool))(request, writer);
  } else if (!tool.empty()) {
    writer.SendJson(200, ToolCallCompletion(tool));
  } else if (json) {
    writer.SendJson(200, OpenAiCompletion(kJsonAnswer));
  } else if (stream) {
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
