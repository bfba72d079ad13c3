#include "service/http/openai_chat_request.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "providers/json/json_reader.h"
#include "service/http/request_fields.h"

namespace literllm {
namespace {

using simdjson::dom::element;

using request_fields::Checked;
using request_fields::Invalid;
using request_fields::Path;

// `value` (when present) as an int32, or INVALID_ARGUMENT naming `key`.
absl::StatusOr<int32_t> Int32(absl::string_view key,
                              std::optional<int64_t> value) {
  if (value && (*value < std::numeric_limits<int32_t>::min() ||
                *value > std::numeric_limits<int32_t>::max())) {
    return Invalid(key, "out of range");
  }
  return value ? static_cast<int32_t>(*value) : 0;
}

absl::Status ReadPart(element part, const std::string& path,
                      v1::ContentPart& out) {
  JsonObjectReader reader(part);
  out.set_type(std::string(reader.String("type").value_or("")));
  if (out.type() == "text") {
    out.set_text(std::string(reader.String("text").value_or("")));
  } else if (out.type() == "image_url") {
    if (std::optional<element> image = reader.Object("image_url")) {
      JsonObjectReader url(*image);
      out.mutable_image_url()->set_url(
          std::string(url.String("url").value_or("")));
      if (auto detail = url.String("detail")) {
        out.mutable_image_url()->set_detail(std::string(*detail));
      }
      reader.Update(Checked(url, Path(path, "image_url")));
    }
  } else if (reader.status().ok()) {
    return Invalid(
        Path(path, "type"),
        absl::StrCat("'", out.type(), "' is not supported (text, image_url)"));
  }
  return Checked(reader, path);
}

absl::Status ReadContent(element content, const std::string& path,
                         v1::Message& out) {
  if (content.is_string()) {
    out.set_content(std::string(content.get_string().value_unsafe()));
    return absl::OkStatus();
  }
  simdjson::dom::array parts;
  if (content.get_array().get(parts) != simdjson::SUCCESS) {
    return Invalid(path, "expected a string or a list of content parts");
  }
  size_t i = 0;
  for (element part : parts) {
    absl::Status status =
        ReadPart(part, Path(path, i++), *out.add_content_parts());
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status ReadToolCall(element call, const std::string& path,
                          v1::ToolCall& out) {
  JsonObjectReader reader(call);
  out.set_id(std::string(reader.String("id").value_or("")));
  out.set_type(std::string(reader.String("type").value_or("function")));
  if (std::optional<element> function = reader.Object("function")) {
    JsonObjectReader fn(*function);
    out.mutable_function()->set_name(
        std::string(fn.String("name").value_or("")));
    out.mutable_function()->set_arguments(
        std::string(fn.String("arguments").value_or("")));
    if (auto signature = fn.String("thought_signature")) {
      out.mutable_function()->set_thought_signature(std::string(*signature));
    }
    reader.Update(Checked(fn, Path(path, "function")));
  }
  return Checked(reader, path);
}

absl::Status ReadMessage(element message, const std::string& path,
                         v1::Message& out) {
  JsonObjectReader reader(message);
  out.set_role(std::string(reader.String("role").value_or("")));
  if (std::optional<element> content = reader.Find("content")) {
    reader.Update(ReadContent(*content, Path(path, "content"), out));
  }
  if (auto name = reader.String("name")) out.set_name(std::string(*name));
  if (auto id = reader.String("tool_call_id")) {
    out.set_tool_call_id(std::string(*id));
  }
  if (auto refusal = reader.String("refusal")) {
    out.set_refusal(std::string(*refusal));
  }
  if (auto reasoning = reader.String("reasoning_content")) {
    out.set_reasoning_content(std::string(*reasoning));
  }
  if (std::optional<simdjson::dom::array> calls = reader.Array("tool_calls")) {
    size_t i = 0;
    for (element call : *calls) {
      reader.Update(ReadToolCall(call, Path(Path(path, "tool_calls"), i++),
                                 *out.add_tool_calls()));
    }
  }
  if (std::optional<simdjson::dom::array> blocks =
          reader.Array("thinking_blocks")) {
    for (element block : *blocks) {
      JsonObjectReader b(block);
      v1::ThinkingBlock& tb = *out.add_thinking_blocks();
      tb.set_type(std::string(b.String("type").value_or("")));
      if (auto v = b.String("thinking")) tb.set_thinking(std::string(*v));
      if (auto v = b.String("signature")) tb.set_signature(std::string(*v));
      if (auto v = b.String("data")) tb.set_data(std::string(*v));
      reader.Update(Checked(b, Path(path, "thinking_blocks")));
    }
  }
  return Checked(reader, path);
}

absl::Status ReadTool(element tool, const std::string& path, v1::Tool& out) {
  JsonObjectReader reader(tool);
  out.set_type(std::string(reader.String("type").value_or("function")));
  if (std::optional<element> function = reader.Object("function")) {
    JsonObjectReader fn(*function);
    v1::FunctionDefinition& def = *out.mutable_function();
    def.set_name(std::string(fn.String("name").value_or("")));
    if (auto d = fn.String("description")) def.set_description(std::string(*d));
    if (auto strict = fn.Bool("strict")) def.set_strict(*strict);
    if (std::optional<element> parameters = fn.Object("parameters")) {
      absl::StatusOr<google::protobuf::Struct> schema =
          ElementToStruct(*parameters);
      if (schema.ok()) *def.mutable_parameters() = *std::move(schema);
    }
    reader.Update(Checked(fn, Path(path, "function")));
  }
  return Checked(reader, path);
}

absl::Status ReadResponseFormat(element format, v1::ResponseFormat& out) {
  JsonObjectReader reader(format);
  out.set_type(std::string(reader.String("type").value_or("")));
  if (std::optional<element> schema = reader.Object("json_schema")) {
    JsonObjectReader js(*schema);
    v1::JsonSchemaFormat& f = *out.mutable_json_schema();
    f.set_name(std::string(js.String("name").value_or("")));
    if (auto d = js.String("description")) f.set_description(std::string(*d));
    if (auto strict = js.Bool("strict")) f.set_strict(*strict);
    if (std::optional<element> body = js.Object("schema")) {
      absl::StatusOr<google::protobuf::Struct> s = ElementToStruct(*body);
      if (s.ok()) *f.mutable_schema() = *std::move(s);
    }
    reader.Update(Checked(js, "json_schema"));
  }
  return Checked(reader, "response_format");
}

absl::Status ReadStop(element stop, v1::ChatCompletionRequest& out) {
  if (stop.is_string()) {
    out.add_stop(std::string(stop.get_string().value_unsafe()));
    return absl::OkStatus();
  }
  simdjson::dom::array items;
  if (stop.get_array().get(items) != simdjson::SUCCESS) {
    return Invalid("stop", "expected a string or a list");
  }
  for (element item : items) {
    if (!item.is_string()) return Invalid("stop", "expected strings");
    out.add_stop(std::string(item.get_string().value_unsafe()));
  }
  return absl::OkStatus();
}

absl::Status ReadStrings(std::optional<simdjson::dom::array> items,
                         absl::string_view path,
                         google::protobuf::RepeatedPtrField<std::string>& out) {
  if (!items) return absl::OkStatus();
  for (element item : *items) {
    if (!item.is_string()) return Invalid(path, "expected strings");
    out.Add(std::string(item.get_string().value_unsafe()));
  }
  return absl::OkStatus();
}

// Sampling and limits: the optional scalars.
absl::Status ReadScalars(JsonObjectReader& reader,
                         v1::ChatCompletionRequest& out) {
  if (auto v = reader.Double("temperature")) out.set_temperature(*v);
  if (auto v = reader.Double("top_p")) out.set_top_p(*v);
  if (auto v = reader.Double("presence_penalty")) out.set_presence_penalty(*v);
  if (auto v = reader.Double("frequency_penalty")) {
    out.set_frequency_penalty(*v);
  }
  if (auto v = reader.Int64("seed")) out.set_seed(*v);
  if (auto v = reader.String("reasoning_effort")) {
    out.set_reasoning_effort(std::string(*v));
  }
  if (auto v = reader.Bool("parallel_tool_calls")) {
    out.set_parallel_tool_calls(*v);
  }
  if (auto v = reader.String("user")) out.set_user(std::string(*v));
  if (auto v = reader.Bool("stream")) out.set_stream(*v);
  struct IntField {
    absl::string_view key;
    void (v1::ChatCompletionRequest::*set)(int32_t);
  };
  for (const IntField& field :
       {IntField{"max_tokens", &v1::ChatCompletionRequest::set_max_tokens},
        IntField{"max_completion_tokens",
                 &v1::ChatCompletionRequest::set_max_completion_tokens},
        IntField{"n", &v1::ChatCompletionRequest::set_n},
        IntField{"max_retries", &v1::ChatCompletionRequest::set_max_retries}}) {
    std::optional<int64_t> value = reader.Int64(field.key);
    absl::StatusOr<int32_t> checked = Int32(field.key, value);
    if (!checked.ok()) return checked.status();
    if (value) (out.*field.set)(*checked);
  }
  if (auto timeout = reader.String("attempt_timeout")) {
    absl::Duration duration;
    if (!absl::ParseDuration(*timeout, &duration)) {
      return Invalid("attempt_timeout", "expected a duration like \"20s\"");
    }
    out.mutable_attempt_timeout()->set_seconds(
        absl::IDivDuration(duration, absl::Seconds(1), &duration));
    out.mutable_attempt_timeout()->set_nanos(
        static_cast<int32_t>(absl::ToInt64Nanoseconds(duration)));
  }
  return absl::OkStatus();
}

absl::Status ReadRequest(element root, v1::ChatCompletionRequest& out) {
  JsonObjectReader reader(root);
  if (!reader.status().ok()) {
    return absl::InvalidArgumentError("request body must be a JSON object");
  }
  out.set_model(std::string(reader.String("model").value_or("")));
  if (std::optional<simdjson::dom::array> messages = reader.Array("messages")) {
    size_t i = 0;
    for (element message : *messages) {
      absl::Status status =
          ReadMessage(message, Path("messages", i++), *out.add_messages());
      if (!status.ok()) return status;
    }
  }
  if (absl::Status status = ReadScalars(reader, out); !status.ok()) {
    return status;
  }
  if (std::optional<element> stop = reader.Find("stop")) {
    if (absl::Status status = ReadStop(*stop, out); !status.ok()) return status;
  }
  if (std::optional<element> format = reader.Object("response_format")) {
    absl::Status status =
        ReadResponseFormat(*format, *out.mutable_response_format());
    if (!status.ok()) return status;
  }
  if (std::optional<simdjson::dom::array> tools = reader.Array("tools")) {
    size_t i = 0;
    for (element tool : *tools) {
      absl::Status status =
          ReadTool(tool, Path("tools", i++), *out.add_tools());
      if (!status.ok()) return status;
    }
  }
  if (std::optional<element> choice = reader.Find("tool_choice")) {
    *out.mutable_tool_choice() = ElementToValue(*choice);
  }
  if (std::optional<element> options = reader.Object("stream_options")) {
    JsonObjectReader opts(*options);
    if (auto include = opts.Bool("include_usage")) {
      out.mutable_stream_options()->set_include_usage(*include);
    }
    reader.Update(Checked(opts, "stream_options"));
  }
  reader.Update(ReadStrings(reader.Array("fallbacks"), "fallbacks",
                            *out.mutable_fallbacks()));
  return Checked(reader, "");
}

}  // namespace

absl::StatusOr<v1::ChatCompletionRequest> ReadOpenAiChatRequest(
    absl::string_view body) {
  absl::StatusOr<element> root = ParseJson(body);
  if (!root.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "request body is not valid JSON: ", root.status().message()));
  }
  v1::ChatCompletionRequest request;
  absl::Status status = ReadRequest(*root, request);
  if (!status.ok()) return status;
  return request;
}

}  // namespace literllm
