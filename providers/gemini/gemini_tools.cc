#include "providers/gemini/gemini_tools.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

// Function parameters must describe an object. A root without "type" is
// read as one (JSON Schema allows leaving it out).
absl::Status WriteParameters(const google::protobuf::Struct& parameters,
                             int index, JsonWriter& w) {
  google::protobuf::Struct schema = GeminiJsonSchema(parameters);
  auto type = schema.fields().find("type");
  if (type == schema.fields().end()) {
    (*schema.mutable_fields())["type"].set_string_value("object");
  } else if (type->second.string_value() != "object") {
    return absl::InvalidArgumentError(absl::StrCat(
        "tools[", index,
        "].function.parameters: Gemini needs an object schema at the root"));
  }
  WriteKey("parametersJsonSchema", w);
  WriteStruct(schema, w);
  return absl::OkStatus();
}

absl::Status WriteDeclaration(const v1::Tool& tool, int index, JsonWriter& w) {
  const v1::FunctionDefinition& function = tool.function();
  w.StartObject();
  WriteStringMember("name", function.name(), w);
  if (function.has_description()) {
    WriteStringMember("description", function.description(), w);
  }
  if (function.has_parameters()) {
    absl::Status status = WriteParameters(function.parameters(), index, w);
    if (!status.ok()) return status;
  }
  w.EndObject();
  return absl::OkStatus();
}

// The tool_choice's function name, or "" when it is not a named choice.
std::string NamedFunction(const google::protobuf::Value& choice) {
  if (!choice.has_struct_value()) return "";
  const auto& fields = choice.struct_value().fields();
  auto function = fields.find("function");
  if (function == fields.end() || !function->second.has_struct_value()) {
    return "";
  }
  const auto& inner = function->second.struct_value().fields();
  auto name = inner.find("name");
  return name == inner.end() ? "" : name->second.string_value();
}

absl::Status WriteToolConfig(const google::protobuf::Value& choice,
                             JsonWriter& w) {
  std::string named = NamedFunction(choice);
  absl::string_view mode;
  if (!named.empty()) {
    mode = "ANY";
  } else if (choice.string_value() == "auto") {
    mode = "AUTO";
  } else if (choice.string_value() == "required") {
    mode = "ANY";
  } else if (choice.string_value() == "none") {
    mode = "NONE";
  } else {
    return absl::InvalidArgumentError(
        "tool_choice: use none, auto, required or a named function");
  }
  WriteKey("toolConfig", w);
  w.StartObject();
  WriteKey("functionCallingConfig", w);
  w.StartObject();
  WriteStringMember("mode", mode, w);
  if (!named.empty()) {
    WriteKey("allowedFunctionNames", w);
    w.StartArray();
    WriteString(named, w);
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteGeminiTools(const v1::ChatCompletionRequest& request,
                              JsonWriter& w) {
  if (request.tools_size() == 0) return absl::OkStatus();
  WriteKey("tools", w);
  w.StartArray();
  w.StartObject();
  WriteKey("functionDeclarations", w);
  w.StartArray();
  for (int i = 0; i < request.tools_size(); ++i) {
    absl::Status status = WriteDeclaration(request.tools(i), i, w);
    if (!status.ok()) return status;
  }
  w.EndArray();
  w.EndObject();
  w.EndArray();
  const google::protobuf::Value& choice = request.tool_choice();
  if (!request.has_tool_choice() ||
      choice.kind_case() == google::protobuf::Value::KIND_NOT_SET ||
      choice.kind_case() == google::protobuf::Value::kNullValue) {
    return absl::OkStatus();
  }
  return WriteToolConfig(choice, w);
}

google::protobuf::Struct GeminiJsonSchema(google::protobuf::Struct schema) {
  schema.mutable_fields()->erase("$schema");
  return schema;
}

}  // namespace literllm
