#include "providers/openai/openai_request.h"

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "providers/json/json_writer.h"

namespace literllm {
namespace {

// Writes the members of one request body in the dialect of its server.
struct BodyWriter {
  const OpenAiDialect& dialect;
  JsonWriter& w;

  // Writes `param`'s key under the server's name; false when it is dropped.
  bool Key(absl::string_view param) {
    absl::string_view name = dialect.ParamName(param);
    if (name.empty()) return false;
    WriteKey(name, w);
    return true;
  }
  void Number(absl::string_view param, double value) {
    if (Key(param)) WriteNumber(value, w);
  }
  void Int(absl::string_view param, int64_t value) {
    if (Key(param)) w.Int64(value);
  }
  void String(absl::string_view param, absl::string_view value) {
    if (Key(param)) WriteString(value, w);
  }
  void Bool(absl::string_view param, bool value) {
    if (Key(param)) w.Bool(value);
  }
};

bool IsNineCharId(absl::string_view id) {
  if (id.size() != 9) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A tool-call id as Mistral accepts it: kept when already 9 letters and
// digits, else a 9-character digest of it, so the assistant's call and the
// tool's answer still pair up.
std::string NineCharId(absl::string_view id) {
  if (IsNineCharId(id)) return std::string(id);
  uint64_t hash = 14695981039346656037ull;  // FNV-1a: stable across runs
  for (unsigned char c : id) hash = (hash ^ c) * 1099511628211ull;
  static constexpr char kDigits[] =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string out(9, '0');
  for (char& c : out) {
    c = kDigits[hash % 62];
    hash /= 62;
  }
  return out;
}

std::string ToolCallId(const OpenAiDialect& dialect, absl::string_view id) {
  return dialect.nine_char_tool_call_ids ? NineCharId(id) : std::string(id);
}

absl::Status WriteContentPart(const v1::ContentPart& part, JsonWriter& w) {
  w.StartObject();
  WriteStringMember("type", part.type(), w);
  if (part.type() == "text") {
    WriteStringMember("text", part.text(), w);
  } else if (part.type() == "image_url") {
    WriteKey("image_url", w);
    w.StartObject();
    WriteStringMember("url", part.image_url().url(), w);
    if (part.image_url().has_detail()) {
      WriteStringMember("detail", part.image_url().detail(), w);
    }
    w.EndObject();
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("unsupported content part type \"", part.type(), "\""));
  }
  w.EndObject();
  return absl::OkStatus();
}

// Text content wins over parts should a caller set both.
absl::Status WriteContent(const v1::Message& message, JsonWriter& w) {
  if (message.has_content()) {
    WriteStringMember("content", message.content(), w);
  } else if (message.content_parts_size() > 0) {
    WriteKey("content", w);
    w.StartArray();
    for (const v1::ContentPart& part : message.content_parts()) {
      absl::Status status = WriteContentPart(part, w);
      if (!status.ok()) return status;
    }
    w.EndArray();
  } else if (message.role() == "assistant") {
    // Assistant turns that only call tools (or refuse) have null content.
    WriteKey("content", w);
    w.Null();
  }
  return absl::OkStatus();
}

void WriteToolCall(const OpenAiDialect& dialect, const v1::ToolCall& call,
                   JsonWriter& w) {
  w.StartObject();
  WriteStringMember("id", ToolCallId(dialect, call.id()), w);
  WriteStringMember("type", "function", w);
  WriteKey("function", w);
  w.StartObject();
  WriteStringMember("name", call.function().name(), w);
  WriteStringMember("arguments", call.function().arguments(), w);
  w.EndObject();
  w.EndObject();
}

// `reasoning_content` stays behind unless the server wants it back: OpenAI
// rejects unknown message fields.
absl::Status WriteMessage(const OpenAiDialect& dialect,
                          const v1::Message& message, BodyWriter& body) {
  JsonWriter& w = body.w;
  w.StartObject();
  WriteStringMember("role",
                    message.role() == "developer" && !dialect.developer_role
                        ? "system"
                        : message.role(),
                    w);
  absl::Status status = WriteContent(message, w);
  if (!status.ok()) return status;
  if (message.has_name()) body.String("name", message.name());
  if (message.tool_calls_size() > 0) {
    WriteKey("tool_calls", w);
    w.StartArray();
    for (const v1::ToolCall& call : message.tool_calls()) {
      WriteToolCall(dialect, call, w);
    }
    w.EndArray();
  }
  if (message.has_tool_call_id()) {
    WriteStringMember("tool_call_id",
                      ToolCallId(dialect, message.tool_call_id()), w);
  }
  if (message.has_refusal()) WriteStringMember("refusal", message.refusal(), w);
  if (dialect.echo_reasoning_content && message.has_reasoning_content()) {
    WriteStringMember("reasoning_content", message.reasoning_content(), w);
  }
  w.EndObject();
  return absl::OkStatus();
}

void WriteSampling(const v1::ChatCompletionRequest& r, BodyWriter& body) {
  if (r.has_temperature()) body.Number("temperature", r.temperature());
  if (r.has_top_p()) body.Number("top_p", r.top_p());
  if (r.has_max_tokens()) body.Int("max_tokens", r.max_tokens());
  if (r.has_max_completion_tokens()) {
    body.Int("max_completion_tokens", r.max_completion_tokens());
  }
  if (r.has_n()) body.Int("n", r.n());
  if (r.stop_size() > 0 && body.Key("stop")) {
    body.w.StartArray();
    for (const std::string& stop : r.stop()) WriteString(stop, body.w);
    body.w.EndArray();
  }
  if (r.has_presence_penalty()) {
    body.Number("presence_penalty", r.presence_penalty());
  }
  if (r.has_frequency_penalty()) {
    body.Number("frequency_penalty", r.frequency_penalty());
  }
  if (r.has_seed()) body.Int("seed", r.seed());
  if (r.has_reasoning_effort()) {
    body.String("reasoning_effort", r.reasoning_effort());
  }
}

void WriteResponseFormat(const v1::ResponseFormat& format, JsonWriter& w) {
  w.StartObject();
  WriteStringMember("type", format.type(), w);
  if (format.type() == "json_schema") {
    const v1::JsonSchemaFormat& schema = format.json_schema();
    WriteKey("json_schema", w);
    w.StartObject();
    WriteStringMember("name", schema.name(), w);
    if (schema.has_description()) {
      WriteStringMember("description", schema.description(), w);
    }
    if (schema.has_schema()) {
      WriteKey("schema", w);
      WriteStruct(schema.schema(), w);
    }
    if (schema.has_strict()) WriteBoolMember("strict", schema.strict(), w);
    w.EndObject();
  }
  w.EndObject();
}

void WriteTool(const v1::Tool& tool, JsonWriter& w) {
  const v1::FunctionDefinition& function = tool.function();
  w.StartObject();
  WriteStringMember("type", "function", w);
  WriteKey("function", w);
  w.StartObject();
  WriteStringMember("name", function.name(), w);
  if (function.has_description()) {
    WriteStringMember("description", function.description(), w);
  }
  if (function.has_parameters()) {
    WriteKey("parameters", w);
    WriteStruct(function.parameters(), w);
  }
  if (function.has_strict()) WriteBoolMember("strict", function.strict(), w);
  w.EndObject();
  w.EndObject();
}

void WriteToolChoice(const OpenAiDialect& dialect,
                     const google::protobuf::Value& choice, JsonWriter& w) {
  if (choice.has_string_value() && choice.string_value() == "required") {
    WriteString(dialect.required_tool_choice, w);
  } else {
    WriteValue(choice, w);
  }
}

void WriteFormatAndTools(const OpenAiDialect& dialect,
                         const v1::ChatCompletionRequest& r, BodyWriter& body) {
  JsonWriter& w = body.w;
  if (r.has_response_format() && body.Key("response_format")) {
    WriteResponseFormat(r.response_format(), w);
  }
  if (r.tools_size() > 0 && body.Key("tools")) {
    w.StartArray();
    for (const v1::Tool& tool : r.tools()) WriteTool(tool, w);
    w.EndArray();
  }
  if (r.has_tool_choice() &&
      r.tool_choice().kind_case() != google::protobuf::Value::KIND_NOT_SET &&
      body.Key("tool_choice")) {
    WriteToolChoice(dialect, r.tool_choice(), w);
  }
  if (r.has_parallel_tool_calls()) {
    body.Bool("parallel_tool_calls", r.parallel_tool_calls());
  }
}

// What the server cannot do at all, refused before any call rather than
// dropped, since dropping would change the answer's shape.
absl::Status CheckServed(const OpenAiDialect& dialect,
                         const v1::ChatCompletionRequest& r) {
  if (!dialect.multiple_choices && r.has_n() && r.n() > 1) {
    return absl::InvalidArgumentError(
        "n: only one choice per request is served");
  }
  if (!dialect.tools && r.tools_size() > 0) {
    return absl::InvalidArgumentError("tools: function calling is not served");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> WriteOpenAiChatBody(
    const v1::ChatCompletionRequest& request, absl::string_view model,
    bool stream, const OpenAiDialect& dialect) {
  if (absl::Status served = CheckServed(dialect, request); !served.ok()) {
    return served;
  }
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  BodyWriter body{dialect, w};
  w.StartObject();
  WriteStringMember("model", model, w);
  WriteKey("messages", w);
  w.StartArray();
  for (const v1::Message& message : request.messages()) {
    absl::Status status = WriteMessage(dialect, message, body);
    if (!status.ok()) return status;
  }
  w.EndArray();
  WriteSampling(request, body);
  WriteFormatAndTools(dialect, request, body);
  if (request.has_user()) body.String("user", request.user());
  if (stream) {
    WriteBoolMember("stream", true, w);
    if (dialect.stream_options) {
      WriteKey("stream_options", w);
      w.StartObject();
      WriteBoolMember("include_usage", true, w);
      w.EndObject();
    }
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace literllm
