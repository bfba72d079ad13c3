#include "providers/openai/openai_request.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "providers/json/json_writer.h"

namespace literllm {
namespace {

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

void WriteToolCall(const v1::ToolCall& call, JsonWriter& w) {
  w.StartObject();
  WriteStringMember("id", call.id(), w);
  WriteStringMember("type", "function", w);
  WriteKey("function", w);
  w.StartObject();
  WriteStringMember("name", call.function().name(), w);
  WriteStringMember("arguments", call.function().arguments(), w);
  w.EndObject();
  w.EndObject();
}

// `reasoning_content` stays behind: OpenAI rejects unknown message fields.
absl::Status WriteMessage(const v1::Message& message, JsonWriter& w) {
  w.StartObject();
  WriteStringMember("role", message.role(), w);
  absl::Status status = WriteContent(message, w);
  if (!status.ok()) return status;
  if (message.has_name()) WriteStringMember("name", message.name(), w);
  if (message.tool_calls_size() > 0) {
    WriteKey("tool_calls", w);
    w.StartArray();
    for (const v1::ToolCall& call : message.tool_calls()) {
      WriteToolCall(call, w);
    }
    w.EndArray();
  }
  if (message.has_tool_call_id()) {
    WriteStringMember("tool_call_id", message.tool_call_id(), w);
  }
  if (message.has_refusal()) WriteStringMember("refusal", message.refusal(), w);
  w.EndObject();
  return absl::OkStatus();
}

void WriteSampling(const v1::ChatCompletionRequest& r, JsonWriter& w) {
  if (r.has_temperature()) WriteNumberMember("temperature", r.temperature(), w);
  if (r.has_top_p()) WriteNumberMember("top_p", r.top_p(), w);
  if (r.has_max_tokens()) WriteIntMember("max_tokens", r.max_tokens(), w);
  if (r.has_max_completion_tokens()) {
    WriteIntMember("max_completion_tokens", r.max_completion_tokens(), w);
  }
  if (r.has_n()) WriteIntMember("n", r.n(), w);
  if (r.stop_size() > 0) {
    WriteKey("stop", w);
    w.StartArray();
    for (const std::string& stop : r.stop()) WriteString(stop, w);
    w.EndArray();
  }
  if (r.has_presence_penalty()) {
    WriteNumberMember("presence_penalty", r.presence_penalty(), w);
  }
  if (r.has_frequency_penalty()) {
    WriteNumberMember("frequency_penalty", r.frequency_penalty(), w);
  }
  if (r.has_seed()) WriteIntMember("seed", r.seed(), w);
  if (r.has_reasoning_effort()) {
    WriteStringMember("reasoning_effort", r.reasoning_effort(), w);
  }
}

void WriteResponseFormat(const v1::ResponseFormat& format, JsonWriter& w) {
  WriteKey("response_format", w);
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

void WriteFormatAndTools(const v1::ChatCompletionRequest& r, JsonWriter& w) {
  if (r.has_response_format()) WriteResponseFormat(r.response_format(), w);
  if (r.tools_size() > 0) {
    WriteKey("tools", w);
    w.StartArray();
    for (const v1::Tool& tool : r.tools()) WriteTool(tool, w);
    w.EndArray();
  }
  if (r.has_tool_choice() &&
      r.tool_choice().kind_case() != google::protobuf::Value::KIND_NOT_SET) {
    WriteKey("tool_choice", w);
    WriteValue(r.tool_choice(), w);
  }
  if (r.has_parallel_tool_calls()) {
    WriteBoolMember("parallel_tool_calls", r.parallel_tool_calls(), w);
  }
}

}  // namespace

absl::StatusOr<std::string> WriteOpenAiChatBody(
    const v1::ChatCompletionRequest& request, absl::string_view model,
    bool stream) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteStringMember("model", model, w);
  WriteKey("messages", w);
  w.StartArray();
  for (const v1::Message& message : request.messages()) {
    absl::Status status = WriteMessage(message, w);
    if (!status.ok()) return status;
  }
  w.EndArray();
  WriteSampling(request, w);
  WriteFormatAndTools(request, w);
  if (request.has_user()) WriteStringMember("user", request.user(), w);
  if (stream) {
    WriteBoolMember("stream", true, w);
    WriteKey("stream_options", w);
    w.StartObject();
    WriteBoolMember("include_usage", true, w);
    w.EndObject();
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace literllm
