// fake-openai: a stand-alone fake OpenAI API on 127.0.0.1 for end-to-end
// tests of the binaries and the clients. Prints "port N" once listening;
// exits when stdin closes. Chat answers follow the request: a tool call to
// the first tool when tools are offered (text once a tool result is in), a JSON
// object when response_format asks for JSON, else text; as one completion, or
// streamed (SSE) with usage and [DONE] when the request streams. A streamed
// request offering two or more tools with "parallel_tool_calls":true gets two
// parallel calls, to the first two tools. Some model names script failures:
// `error-NNN` answers HTTP NNN with an OpenAI-shaped error (429 with
// `retry-after: 1`), `slow` answers after 30 s, `garbage` answers 200 with a
// body that is not JSON. GET /v1/models/{id} answers one listed model.
// Each chat request that carries a `traceparent` prints
// "traceparent <model> <value>" on stdout.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "tests/fake_http/fake_http_server.h"
#include "tests/integration/openai_fixtures.h"

namespace literllm::testing {
namespace {

// The models the fake lists, as OpenAI's /v1/models gives them.
constexpr absl::string_view kModelObjects[] = {
    R"({"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"})",
    R"({"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"})"};

std::string ModelList() {
  return absl::StrCat(R"({"object":"list","data":[)", kModelObjects[0], ",",
                      kModelObjects[1], "]}");
}

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

// The tools array of a request body, brackets matched outside strings; ""
// when there is none.
absl::string_view ToolsArray(absl::string_view body) {
  size_t start = body.find(R"("tools":[)");
  if (start == absl::string_view::npos) return "";
  start += 8;
  int depth = 0;
  bool in_string = false;
  for (size_t i = start; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\') ++i;
      if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && --depth == 0) {
      return body.substr(start, i + 1 - start);
    }
  }
  return "";
}

// The names of the tools offered, in order.
std::vector<std::string> ToolNames(absl::string_view body) {
  constexpr absl::string_view kName = R"("function":{"name":")";
  absl::string_view tools = ToolsArray(body);
  std::vector<std::string> names;
  for (size_t at = tools.find(kName); at != absl::string_view::npos;
       at = tools.find(kName, at)) {
    at += kName.size();
    names.emplace_back(tools.substr(at, tools.find('"', at) - at));
  }
  return names;
}

std::string ToolCallDelta(int index, absl::string_view fields) {
  return ChunkEvent(
      absl::StrCat(R"([{"index":0,"delta":{"tool_calls":[{"index":)", index,
                   ",", fields, "}]}}]"));
}

std::string ToolCallStart(int index, absl::string_view tool) {
  return ToolCallDelta(
      index, absl::StrCat(R"("id":"call_)", index + 1,
                          R"(","type":"function","function":{"name":")", tool,
                          R"(","arguments":""})"));
}

std::string ArgumentsDelta(int index, absl::string_view json_escaped) {
  return ToolCallDelta(
      index, absl::StrCat(R"("function":{"arguments":")", json_escaped, "\"}"));
}

// Two calls as OpenAI streams parallel ones, one after the other, each
// split in pieces that only their index ties to it: the first tool gets
// {"location":"Paris"}, the second {"city":"Tokyo"}.
std::vector<std::string> ParallelToolCallStream(const std::string& first,
                                                const std::string& second) {
  return {
      ChunkEvent(R"([{"index":0,"delta":{"role":"assistant",)"
                 R"("content":null},"finish_reason":null}])"),
      ToolCallStart(0, first),
      ArgumentsDelta(0, R"({\"location\":)"),
      ArgumentsDelta(0, R"(\"Paris\"})"),
      ToolCallStart(1, second),
      ArgumentsDelta(1, R"({\"city\":)"),
      ArgumentsDelta(1, R"(\"Tokyo\"})"),
      ChunkEvent(R"([{"index":0,"delta":{},"finish_reason":"tool_calls"}])"),
      UsageEvent(),
      "data: [DONE]\n\n"};
}

// GET /v1/models/{id}: the model when the listing has it, else OpenAI's 404.
void AnswerOneModel(absl::string_view id, ResponseWriter& writer) {
  for (absl::string_view model : kModelObjects) {
    if (absl::StrContains(model, absl::StrCat(R"("id":")", id, "\""))) {
      writer.SendJson(200, model);
      return;
    }
  }
  writer.SendJson(
      404, OpenAiError(absl::StrCat("The model '", id, "' does not exist"),
                       "invalid_request_error", "model_not_found"));
}

// The upstream model a chat request names, "" when it names none.
std::string RequestedModel(absl::string_view body) {
  constexpr absl::string_view kModel = R"("model":")";
  size_t at = body.find(kModel);
  if (at == absl::string_view::npos) return "";
  at += kModel.size();
  return std::string(body.substr(at, body.find('"', at) - at));
}

// OpenAI's error body for an HTTP status, as its API words them. The 401
// repeats the caller's key, which the gateway must redact.
std::string ScriptedErrorBody(int status, const RecordedRequest& request) {
  switch (status) {
    case 400:
      return R"({"error":{"message":"Invalid value for 'temperature': expected a number.","type":"invalid_request_error","param":"temperature","code":"invalid_value"}})";
    case 401: {
      std::string key(
          absl::StripPrefix(request.Header("authorization"), "Bearer "));
      return absl::StrCat(
          R"({"error":{"message":"Incorrect API key provided: )", key,
          R"(.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})");
    }
    case 403:
      return R"({"error":{"message":"Country, region, or territory not supported","type":"request_forbidden","param":null,"code":"unsupported_country_region_territory"}})";
    case 404:
      return R"({"error":{"message":"The model `error-404` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}})";
    case 429:
      return R"({"error":{"message":"Rate limit reached for gpt-4o on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.","type":"requests","param":null,"code":"rate_limit_exceeded"}})";
    default:
      return absl::StrCat(
          R"({"error":{"message":"The server had an error while processing your request (HTTP )",
          status, R"().","type":"server_error","param":null,"code":null}})");
  }
}

// Answers the failures some model names script; false for any other model.
bool AnswerScriptedFailure(const RecordedRequest& request,
                           ResponseWriter& writer) {
  std::string model = RequestedModel(request.body);
  int status = 0;
  if (absl::StartsWith(model, "error-") &&
      absl::SimpleAtoi(absl::string_view(model).substr(6), &status) &&
      status >= 400 && status <= 599) {
    FakeHeaders headers;
    if (status == 429) headers.emplace_back("retry-after", "1");
    writer.SendJson(status, ScriptedErrorBody(status, request), headers);
    return true;
  }
  if (model == "slow") {
    // Longer than any attempt timeout a test sets; ends early when the
    // gateway gives up and closes the connection.
    if (writer.Sleep(absl::Seconds(30))) {
      writer.SendJson(200, OpenAiCompletion("Hello from the fake, slowly"));
    }
    return true;
  }
  if (model == "garbage") {
    writer.SendJson(200, "this is not JSON");
    return true;
  }
  return false;
}

void Answer(const RecordedRequest& request, ResponseWriter& writer) {
  if (request.method == "GET" && request.path == "/v1/models") {
    writer.SendJson(200, ModelList());
    return;
  }
  if (request.method == "GET" &&
      absl::StartsWith(request.path, "/v1/models/")) {
    AnswerOneModel(request.path.substr(11), writer);
    return;
  }
  if (request.path != "/v1/chat/completions") {
    writer.SendJson(
        404, OpenAiError("no such path", "invalid_request_error", "not_found"));
    return;
  }
  // Trace propagation tests read what the gateway sent upstream.
  if (std::string traceparent = request.Header("traceparent");
      !traceparent.empty()) {
    std::printf("traceparent %s %s\n", RequestedModel(request.body).c_str(),
                traceparent.c_str());
    std::fflush(stdout);
  }
  if (AnswerScriptedFailure(request, writer)) return;
  bool stream = absl::StrContains(request.body, R"("stream":true)");
  // After a tool's result comes back, the model answers in text.
  std::string tool = absl::StrContains(request.body, R"("role":"tool")")
                         ? ""
                         : FirstToolName(request.body);
  bool json =
      absl::StrContains(request.body, R"("response_format":{"type":"json)");
  std::vector<std::string> tools = ToolNames(request.body);
  if (!tool.empty() && stream && tools.size() >= 2 &&
      absl::StrContains(request.body, R"("parallel_tool_calls":true)")) {
    SseHandler(ParallelToolCallStream(tools[0], tools[1]))(request, writer);
  } else if (!tool.empty() && stream) {
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
  return literllm::testing::FakeHttpServer::ServeUntilStdinCloses(
      &literllm::testing::Answer);
}
