#include "service/http/anthropic_messages_request.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "providers/json/json_reader.h"
#include "service/http/anthropic_request_blocks.h"
#include "service/http/request_fields.h"

namespace literllm {
namespace {

using request_fields::Checked;
using request_fields::Invalid;
using request_fields::Path;
using simdjson::dom::element;

// A count as an int32; out of range is the caller's mistake.
std::optional<int32_t> Int32(JsonObjectReader& reader, absl::string_view key) {
  std::optional<int64_t> value = reader.Int64(key);
  if (!value) return std::nullopt;
  if (*value < 0 || *value > std::numeric_limits<int32_t>::max()) {
    reader.Update(Invalid(key, "out of range"));
    return std::nullopt;
  }
  return static_cast<int32_t>(*value);
}

absl::Status ReadTool(element tool, const std::string& path, v1::Tool& out) {
  JsonObjectReader reader(tool);
  absl::string_view type = reader.String("type").value_or("custom");
  if (type != "custom" && reader.status().ok()) {
    return Invalid(Path(path, "type"),
                   absl::StrCat("server tool '", type,
                                "' is not supported; only custom tools"));
  }
  out.set_type("function");
  v1::FunctionDefinition& function = *out.mutable_function();
  function.set_name(std::string(reader.String("name").value_or("")));
  if (auto description = reader.String("description")) {
    function.set_description(std::string(*description));
  }
  if (std::optional<element> schema = reader.Object("input_schema")) {
    absl::StatusOr<google::protobuf::Struct> parameters =
        ElementToStruct(*schema);
    if (parameters.ok()) *function.mutable_parameters() = *parameters;
  } else if (reader.status().ok()) {
    return Invalid(Path(path, "input_schema"), "required");
  }
  if (auto strict = reader.Bool("strict")) function.set_strict(*strict);
  if (auto cache_control = ReadCacheControl(reader)) {
    *out.mutable_cache_control() = *std::move(cache_control);
  }
  return Checked(reader, path);
}

google::protobuf::Value StringValue(absl::string_view text) {
  google::protobuf::Value value;
  value.set_string_value(std::string(text));
  return value;
}

// {"type":"function","function":{"name":...}}, OpenAI's named choice.
google::protobuf::Value NamedChoice(absl::string_view name) {
  google::protobuf::Value value;
  auto& fields = *value.mutable_struct_value()->mutable_fields();
  fields["type"] = StringValue("function");
  (*fields["function"].mutable_struct_value()->mutable_fields())["name"] =
      StringValue(name);
  return value;
}

absl::Status ReadToolChoice(element choice, v1::ChatCompletionRequest& out) {
  JsonObjectReader reader(choice);
  absl::string_view type = reader.String("type").value_or("");
  if (type == "auto" || type == "none") {
    *out.mutable_tool_choice() = StringValue(type);
  } else if (type == "any") {
    *out.mutable_tool_choice() = StringValue("required");
  } else if (type == "tool") {
    *out.mutable_tool_choice() =
        NamedChoice(reader.String("name").value_or(""));
  } else if (reader.status().ok()) {
    return Invalid("tool_choice.type",
                   absl::StrCat("'", type,
                                "' is not one of auto, any, tool, "
                                "none"));
  }
  if (reader.Bool("disable_parallel_tool_use").value_or(false)) {
    out.set_parallel_tool_calls(false);
  }
  return Checked(reader, "tool_choice");
}

void ReadThinking(JsonObjectReader& root, v1::ChatCompletionRequest& out) {
  std::optional<element> thinking = root.Object("thinking");
  if (!thinking) return;
  JsonObjectReader reader(*thinking);
  out.mutable_thinking()->set_type(
      std::string(reader.String("type").value_or("")));
  if (std::optional<int32_t> budget = Int32(reader, "budget_tokens")) {
    out.mutable_thinking()->set_budget_tokens(*budget);
  }
  root.Update(Checked(reader, "thinking"));
}

// output_config.format {type: json_schema, schema} → response_format.
void ReadOutputFormat(JsonObjectReader& root, v1::ChatCompletionRequest& out) {
  std::optional<element> config = root.Object("output_config");
  if (!config) return;
  JsonObjectReader reader(*config);
  if (std::optional<element> format = reader.Object("format")) {
    JsonObjectReader f(*format);
    if (f.String("type").value_or("") == "json_schema") {
      v1::ResponseFormat& response_format = *out.mutable_response_format();
      response_format.set_type("json_schema");
      response_format.mutable_json_schema()->set_name("output");
      if (std::optional<element> schema = f.Object("schema")) {
        absl::StatusOr<google::protobuf::Struct> s = ElementToStruct(*schema);
        if (s.ok())
          *response_format.mutable_json_schema()->mutable_schema() = *s;
      }
    }
    reader.Update(Checked(f, "format"));
  }
  root.Update(Checked(reader, "output_config"));
}

void ReadScalars(JsonObjectReader& reader, bool counting,
                 v1::ChatCompletionRequest& out) {
  if (std::optional<int32_t> max_tokens = Int32(reader, "max_tokens")) {
    out.set_max_tokens(*max_tokens);
  } else if (!counting && reader.status().ok()) {
    reader.Update(Invalid("max_tokens", "required"));
  }
  if (auto v = reader.Double("temperature")) out.set_temperature(*v);
  if (auto v = reader.Double("top_p")) out.set_top_p(*v);
  if (std::optional<int32_t> top_k = Int32(reader, "top_k")) {
    out.set_top_k(*top_k);
  }
  if (auto v = reader.Bool("stream")) out.set_stream(*v);
  if (std::optional<element> metadata = reader.Object("metadata")) {
    JsonObjectReader m(*metadata);
    if (auto user = m.String("user_id")) out.set_user(std::string(*user));
    reader.Update(Checked(m, "metadata"));
  }
  if (std::optional<simdjson::dom::array> stops =
          reader.Array("stop_sequences")) {
    for (element stop : *stops) {
      if (!stop.is_string()) {
        return reader.Update(Invalid("stop_sequences", "expected strings"));
      }
      out.add_stop(std::string(stop.get_string().value_unsafe()));
    }
  }
}

// A required member that is missing, or of the wrong type.
absl::Status Required(const JsonObjectReader& reader, absl::string_view key) {
  absl::Status mismatch = Checked(reader, "");
  return mismatch.ok() ? Invalid(key, "required") : mismatch;
}

absl::Status ReadRequest(element root, bool counting,
                         v1::ChatCompletionRequest& out) {
  JsonObjectReader reader(root);
  if (!reader.status().ok()) {
    return absl::InvalidArgumentError("request body must be a JSON object");
  }
  std::optional<absl::string_view> model = reader.String("model");
  if (!model || model->empty()) return Required(reader, "model");
  out.set_model(std::string(*model));
  if (std::optional<element> system = reader.Find("system")) {
    absl::Status status = ReadAnthropicSystem(*system, *out.add_messages());
    if (!status.ok()) return status;
  }
  std::optional<simdjson::dom::array> messages = reader.Array("messages");
  if (!messages) return Required(reader, "messages");
  size_t i = 0;
  for (element turn : *messages) {
    absl::Status status =
        ReadAnthropicTurn(turn, Path("messages", i++), *out.mutable_messages());
    if (!status.ok()) return status;
  }
  ReadScalars(reader, counting, out);
  ReadThinking(reader, out);
  ReadOutputFormat(reader, out);
  if (std::optional<simdjson::dom::array> tools = reader.Array("tools")) {
    size_t t = 0;
    for (element tool : *tools) {
      absl::Status status =
          ReadTool(tool, Path("tools", t++), *out.add_tools());
      if (!status.ok()) return status;
    }
  }
  if (std::optional<element> choice = reader.Object("tool_choice")) {
    reader.Update(ReadToolChoice(*choice, out));
  }
  return Checked(reader, "");
}

}  // namespace

absl::StatusOr<v1::ChatCompletionRequest> ReadAnthropicMessagesRequest(
    absl::string_view body, bool counting) {
  absl::StatusOr<element> root = ParseJson(body);
  if (!root.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "request body is not valid JSON: ", root.status().message()));
  }
  v1::ChatCompletionRequest request;
  absl::Status status = ReadRequest(*root, counting, request);
  if (!status.ok()) return status;
  return request;
}

}  // namespace literllm
