// fake-anthropic: a stand-alone fake Anthropic Messages API on 127.0.0.1 for
// the Anthropic front's client tests. Prints "port N" once listening; exits
// when stdin closes. POST /v1/messages answers in Anthropic's shape, as one
// message or as named SSE events when the request streams:
//   - with "thinking" enabled, a thinking block signed "sig-fake-1" first;
//   - a tool_use of the first tool when tools are offered and no
//     tool_result came back yet, else text; once a tool_result is in, the
//     text says whether the earlier signed thinking block came back with it
//     (Anthropic rejects a tool loop that drops it: so does the fake, 400);
//   - the text names the anthropic-beta header it got, if any;
//   - a request with cache_control reports cache tokens (100 written,
//     50 read); usage is always input 10, output 5 (+ the cache ones).
// Model names script failures: `error-NNN` answers HTTP NNN with
// Anthropic's error body (429 with retry-after: 1), `midstream-error`
// streams message_start then an overloaded `error` event.
// POST /v1/messages/count_tokens answers {"input_tokens": 42} (400 when
// the body carries max_tokens, as Anthropic rejects it); GET /v1/models
// lists claude-sonnet-4-5.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "tests/fake_http/fake_http_server.h"
#include "tests/integration/anthropic_fixtures.h"

namespace literllm::testing {
namespace {

constexpr absl::string_view kSignature = "sig-fake-1";
constexpr absl::string_view kThought = "The user wants the weather.";

// The upstream model a request names, "" when it names none.
std::string RequestedModel(absl::string_view body) {
  constexpr absl::string_view kModel = R"("model":")";
  size_t at = body.find(kModel);
  if (at == absl::string_view::npos) return "";
  at += kModel.size();
  return std::string(body.substr(at, body.find('"', at) - at));
}

// The name of the first tool offered, or "" when there is none.
std::string FirstToolName(absl::string_view body) {
  size_t tools = body.find(R"("tools":[)");
  if (tools == absl::string_view::npos) return "";
  size_t name = body.find(R"("name":")", tools);
  if (name == absl::string_view::npos) return "";
  name += 8;
  return std::string(body.substr(name, body.find('"', name) - name));
}

// What the conversation asks of the model.
struct Turn {
  bool stream = false;
  bool thinking = false;
  std::string tool;  // a tool to call, or ""
  std::string text;  // otherwise the answer
  bool cache = false;
};

// nullopt-like: an empty error means the turn can be answered.
std::string ReadTurn(const RecordedRequest& request, Turn& turn) {
  absl::string_view body = request.body;
  turn.stream = absl::StrContains(body, R"("stream":true)");
  turn.thinking = absl::StrContains(body, R"("thinking":{"type":"enabled")");
  turn.cache = absl::StrContains(body, R"("cache_control")");
  bool has_result = absl::StrContains(body, R"("type":"tool_result")");
  bool signed_back = absl::StrContains(
      body, absl::StrCat(R"("signature":")", kSignature, "\""));
  if (has_result && turn.thinking && !signed_back) {
    return "messages.1.content.0.type: Expected `thinking` or "
           "`redacted_thinking`, but found `tool_use`. When `thinking` is "
           "enabled, a final `assistant` message must start with a thinking "
           "block";
  }
  if (!has_result) turn.tool = FirstToolName(body);
  turn.text = has_result
                  ? (signed_back ? "The tool said so; signature received."
                                 : "The tool said so.")
                  : "Hello from fake Anthropic";
  std::string beta = request.Header("anthropic-beta");
  if (!beta.empty()) absl::StrAppend(&turn.text, " [beta: ", beta, "]");
  return "";
}

std::string Usage(const Turn& turn, bool with_input) {
  std::string usage = with_input ? R"("input_tokens":10,)" : "";
  absl::StrAppend(&usage, turn.cache ? R"("cache_creation_input_tokens":100,)"
                                       R"("cache_read_input_tokens":50,)"
                                     : R"("cache_creation_input_tokens":0,)"
                                       R"("cache_read_input_tokens":0,)");
  return absl::StrCat("{", usage, R"("output_tokens":5})");
}

std::string ToolInput() { return R"({"location":"Paris"})"; }

std::string Message(const Turn& turn) {
  std::string content;
  if (turn.thinking) {
    content = absl::StrCat(R"({"type":"thinking","thinking":")", kThought,
                           R"(","signature":")", kSignature, R"("},)");
  }
  absl::StrAppend(
      &content,
      turn.tool.empty()
          ? absl::StrCat(R"({"type":"text","text":")", turn.text, R"("})")
          : absl::StrCat(R"({"type":"tool_use","id":"toolu_01","name":")",
                         turn.tool, R"(","input":)", ToolInput(), "}"));
  return absl::StrCat(R"({"id":"msg_fake","type":"message","role":"assistant",)"
                      R"("model":"claude-sonnet-4-5-20250929","content":[)",
                      content, R"(],"stop_reason":")",
                      turn.tool.empty() ? "end_turn" : "tool_use",
                      R"(","stop_sequence":null,"usage":)", Usage(turn, true),
                      "}");
}

std::vector<std::string> Events(const Turn& turn) {
  std::vector<std::string> events{
      AnthropicEvent(
          "message_start",
          absl::StrCat(R"({"type":"message_start","message":{"id":"msg_fake",)"
                       R"("type":"message","role":"assistant","content":[],)"
                       R"("model":"claude-sonnet-4-5-20250929","usage":)",
                       Usage(turn, true), "}}")),
      AnthropicEvent("ping", R"({"type":"ping"})")};
  int index = 0;
  if (turn.thinking) {
    events.push_back(BlockStartEvent(
        index, R"({"type":"thinking","thinking":"","signature":""})"));
    events.push_back(BlockDeltaEvent(
        index, absl::StrCat(R"({"type":"thinking_delta","thinking":")",
                            kThought, R"("})")));
    events.push_back(BlockDeltaEvent(
        index, absl::StrCat(R"({"type":"signature_delta","signature":")",
                            kSignature, R"("})")));
    events.push_back(BlockStopEvent(index++));
  }
  if (turn.tool.empty()) {
    events.push_back(BlockStartEvent(index, R"({"type":"text","text":""})"));
    events.push_back(BlockDeltaEvent(
        index,
        absl::StrCat(R"({"type":"text_delta","text":")", turn.text, R"("})")));
  } else {
    events.push_back(BlockStartEvent(
        index, absl::StrCat(R"({"type":"tool_use","id":"toolu_01","name":")",
                            turn.tool, R"(","input":{}})")));
    events.push_back(BlockDeltaEvent(
        index,
        R"({"type":"input_json_delta","partial_json":"{\"location\":"})"));
    events.push_back(BlockDeltaEvent(
        index, R"({"type":"input_json_delta","partial_json":"\"Paris\"}"})"));
  }
  events.push_back(BlockStopEvent(index));
  events.push_back(AnthropicEvent(
      "message_delta",
      absl::StrCat(R"({"type":"message_delta","delta":{"stop_reason":")",
                   turn.tool.empty() ? "end_turn" : "tool_use",
                   R"(","stop_sequence":null},"usage":)", Usage(turn, false),
                   "}")));
  events.push_back(
      AnthropicEvent("message_stop", R"({"type":"message_stop"})"));
  return events;
}

std::string ErrorType(int status) {
  switch (status) {
    case 400:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 429:
      return "rate_limit_error";
    case 529:
      return "overloaded_error";
    default:
      return "api_error";
  }
}

// Answers the failures some model names script; false for any other model.
bool AnswerScriptedFailure(const std::string& model, ResponseWriter& writer) {
  int status = 0;
  if (absl::StartsWith(model, "error-") &&
      absl::SimpleAtoi(absl::string_view(model).substr(6), &status)) {
    FakeHeaders headers;
    if (status == 429) headers.emplace_back("retry-after", "1");
    writer.SendJson(
        status,
        AnthropicError(ErrorType(status), absl::StrCat("scripted ", status)),
        headers);
    return true;
  }
  if (model == "midstream-error") {
    Turn turn;
    SseHandler({Events(turn)[0],
                AnthropicEvent("error", AnthropicError("overloaded_error",
                                                       "Overloaded"))})(
        RecordedRequest{}, writer);
    return true;
  }
  return false;
}

void AnswerMessages(const RecordedRequest& request, ResponseWriter& writer) {
  if (AnswerScriptedFailure(RequestedModel(request.body), writer)) return;
  Turn turn;
  std::string problem = ReadTurn(request, turn);
  if (!problem.empty()) {
    writer.SendJson(400, AnthropicError("invalid_request_error", problem));
  } else if (turn.stream) {
    SseHandler(Events(turn))(request, writer);
  } else {
    writer.SendJson(200, Message(turn));
  }
}

void Answer(const RecordedRequest& request, ResponseWriter& writer) {
  if (request.method == "GET" && absl::StartsWith(request.path, "/v1/models")) {
    writer.SendJson(
        200, R"({"data":[{"type":"model","id":"claude-sonnet-4-5",)"
             R"("display_name":"Claude Sonnet 4.5",)"
             R"("created_at":"2025-09-29T00:00:00Z"}],"has_more":false})");
  } else if (request.path == "/v1/messages/count_tokens") {
    if (absl::StrContains(request.body, R"("max_tokens")")) {
      writer.SendJson(400, AnthropicError("invalid_request_error",
                                          "max_tokens: Extra inputs are not "
                                          "permitted"));
    } else {
      writer.SendJson(200, R"({"input_tokens":42})");
    }
  } else if (request.path == "/v1/messages") {
    AnswerMessages(request, writer);
  } else {
    writer.SendJson(404, AnthropicError("not_found_error", "no such path"));
  }
}

}  // namespace
}  // namespace literllm::testing

int main() {
  return literllm::testing::FakeHttpServer::ServeUntilStdinCloses(
      &literllm::testing::Answer);
}
