#include "providers/anthropic/anthropic_request.h"

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "providers/anthropic/anthropic_content.h"
#include "providers/anthropic/anthropic_messages.h"
#include "providers/anthropic/anthropic_output_tokens.h"
#include "providers/json/json_writer.h"

namespace literllm {
namespace {

constexpr absl::string_view kWithThinking =
    "with reasoning_effort (extended thinking)";

// OpenAI's tool_choice (already validated by the service) in Anthropic terms.
struct ToolChoice {
  absl::string_view type;  // "", "auto", "any", "none" or "tool"
  std::string name;        // for "tool"
  bool forces() const { return type == "any" || type == "tool"; }
};

ToolChoice ReadToolChoice(const google::protobuf::Value& value) {
  if (value.has_string_value()) {
    absl::string_view mode = value.string_value();
    if (mode == "auto") return {"auto", ""};
    if (mode == "required") return {"any", ""};
    if (mode == "none") return {"none", ""};
  } else if (value.has_struct_value()) {
    const auto& fields = value.struct_value().fields();
    auto function = fields.find("function");
    if (function != fields.end() && function->second.has_struct_value()) {
      const auto& f = function->second.struct_value().fields();
      auto name = f.find("name");
      if (name != f.end()) return {"tool", name->second.string_value()};
    }
  }
  return {};
}

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

absl::Status CheckThinkingLimits(const v1::ChatCompletionRequest& r,
                                 const ToolChoice& choice) {
  if (r.has_temperature() && r.temperature() != 1) {
    return Invalid("temperature",
                   absl::StrCat("anthropic allows only 1 ", kWithThinking,
                                ", got ", r.temperature()));
  }
  if (r.has_top_p() && r.top_p() < 0.95) {
    return Invalid("top_p", absl::StrCat("anthropic allows only 0.95 to 1 ",
                                         kWithThinking, ", got ", r.top_p()));
  }
  if (choice.forces()) {
    return Invalid("tool_choice",
                   absl::StrCat("anthropic cannot force tool use ",
                                kWithThinking, "; use auto or none"));
  }
  return absl::OkStatus();
}

absl::Status CheckSupported(const v1::ChatCompletionRequest& r,
                            const ToolChoice& choice, bool thinking) {
  if (r.has_n() && r.n() > 1) {
    return Invalid("n", "anthropic returns one choice; n must be 1");
  }
  if (r.has_temperature() && r.temperature() > 1) {
    return Invalid("temperature",
                   absl::StrCat("must be between 0 and 1 for anthropic, got ",
                                r.temperature()));
  }
  if (r.response_format().type() == "json_object") {
    return Invalid("response_format.type",
                   "anthropic has no JSON mode without a schema; use "
                   "json_schema");
  }
  if (choice.forces() && r.tools_size() == 0) {
    return Invalid("tool_choice", "forces a tool call but no tools are given");
  }
  return thinking ? CheckThinkingLimits(r, choice) : absl::OkStatus();
}

void WriteSampling(const v1::ChatCompletionRequest& r, JsonWriter& w) {
  if (r.has_temperature()) WriteNumberMember("temperature", r.temperature(), w);
  if (r.has_top_p()) WriteNumberMember("top_p", r.top_p(), w);
  if (r.has_top_k()) WriteIntMember("top_k", r.top_k(), w);
  bool any_stop = false;
  for (const std::string& stop : r.stop()) {
    if (absl::StripAsciiWhitespace(stop).empty()) continue;
    if (!any_stop) {
      WriteKey("stop_sequences", w);
      w.StartArray();
      any_stop = true;
    }
    WriteString(stop, w);
  }
  if (any_stop) w.EndArray();
}

void WriteTool(const v1::Tool& tool, JsonWriter& w) {
  const v1::FunctionDefinition& function = tool.function();
  w.StartObject();
  WriteStringMember("name", function.name(), w);
  if (function.has_description()) {
    WriteStringMember("description", function.description(), w);
  }
  // input_schema is required; a function without parameters takes none.
  WriteKey("input_schema", w);
  if (function.has_parameters()) {
    WriteStruct(function.parameters(), w);
  } else {
    w.StartObject();
    WriteStringMember("type", "object", w);
    w.EndObject();
  }
  if (function.has_strict()) WriteBoolMember("strict", function.strict(), w);
  WriteCacheControl(tool.cache_control(), w);
  w.EndObject();
}

void WriteToolChoice(const v1::ChatCompletionRequest& r, ToolChoice choice,
                     JsonWriter& w) {
  bool one_call = r.has_parallel_tool_calls() && !r.parallel_tool_calls();
  if (choice.type.empty() && one_call) choice.type = "auto";
  if (choice.type.empty()) return;
  WriteKey("tool_choice", w);
  w.StartObject();
  WriteStringMember("type", choice.type, w);
  if (choice.type == "tool") WriteStringMember("name", choice.name, w);
  // `none` takes no such flag: it makes no calls at all.
  if (one_call && choice.type != "none") {
    WriteBoolMember("disable_parallel_tool_use", true, w);
  }
  w.EndObject();
}

void WriteTools(const v1::ChatCompletionRequest& r, const ToolChoice& choice,
                JsonWriter& w) {
  if (r.tools_size() == 0) return;
  WriteKey("tools", w);
  w.StartArray();
  for (const v1::Tool& tool : r.tools()) WriteTool(tool, w);
  w.EndArray();
  WriteToolChoice(r, choice, w);
}

void WriteThinking(absl::string_view type, std::optional<int> budget,
                   JsonWriter& w) {
  WriteKey("thinking", w);
  w.StartObject();
  WriteStringMember("type", type, w);
  if (budget) WriteIntMember("budget_tokens", *budget, w);
  w.EndObject();
}

// reasoning_effort's planned budget, else the caller's explicit config.
void WriteThinking(const v1::ChatCompletionRequest& r,
                   const OutputTokenPlan& tokens, JsonWriter& w) {
  if (tokens.thinking_budget) {
    return WriteThinking("enabled", tokens.thinking_budget, w);
  }
  if (!r.has_thinking() || r.thinking().type().empty()) return;
  std::optional<int> budget;
  if (r.thinking().has_budget_tokens()) budget = r.thinking().budget_tokens();
  WriteThinking(r.thinking().type(), budget, w);
}

void WriteOutputConfig(const v1::ResponseFormat& format, JsonWriter& w) {
  if (format.type() != "json_schema") return;
  WriteKey("output_config", w);
  w.StartObject();
  WriteKey("format", w);
  w.StartObject();
  WriteStringMember("type", "json_schema", w);
  WriteKey("schema", w);
  WriteStruct(format.json_schema().schema(), w);
  w.EndObject();
  w.EndObject();
}

void WriteMetadata(const v1::ChatCompletionRequest& r, JsonWriter& w) {
  if (!r.has_user()) return;
  WriteKey("metadata", w);
  w.StartObject();
  WriteStringMember("user_id", r.user(), w);
  w.EndObject();
}

}  // namespace

absl::StatusOr<std::string> WriteAnthropicChatBody(
    const v1::ChatCompletionRequest& request, absl::string_view model,
    bool stream) {
  OutputTokenPlan tokens = PlanOutputTokens(request, model);
  ToolChoice choice = ReadToolChoice(request.tool_choice());
  absl::Status supported =
      CheckSupported(request, choice, tokens.thinking_budget.has_value());
  if (!supported.ok()) return supported;

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteStringMember("model", model, w);
  WriteIntMember("max_tokens", tokens.max_tokens, w);
  absl::Status status = WriteAnthropicConversation(request, w);
  if (!status.ok()) return status;
  WriteSampling(request, w);
  WriteThinking(request, tokens, w);
  WriteTools(request, choice, w);
  WriteOutputConfig(request.response_format(), w);
  WriteMetadata(request, w);
  if (stream) WriteBoolMember("stream", true, w);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

absl::StatusOr<std::string> WriteAnthropicCountTokensBody(
    const v1::ChatCompletionRequest& request, absl::string_view model) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteStringMember("model", model, w);
  absl::Status status = WriteAnthropicConversation(request, w);
  if (!status.ok()) return status;
  WriteThinking(request, PlanOutputTokens(request, model), w);
  WriteTools(request, ReadToolChoice(request.tool_choice()), w);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace literllm
