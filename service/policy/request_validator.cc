#include "service/policy/request_validator.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace literllm {
namespace {

using v1::ChatCompletionRequest;
using v1::Message;

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

absl::Status CheckRange(absl::string_view field, bool present, double value,
                        double min, double max) {
  if (present && !(value >= min && value <= max)) {
    return Invalid(field, absl::StrCat("must be between ", min, " and ", max,
                                       ", got ", value));
  }
  return absl::OkStatus();
}

bool IsKnownRole(absl::string_view role) {
  return role == "system" || role == "user" || role == "assistant" ||
         role == "tool" || role == "developer";
}

absl::Status CheckMessage(const Message& message, int index) {
  std::string field = absl::StrCat("messages[", index, "]");
  if (message.role().empty()) return Invalid(field + ".role", "is required");
  if (!IsKnownRole(message.role())) {
    return Invalid(
        field + ".role",
        absl::StrCat("unknown role '", message.role(),
                     "'; use system, user, assistant, tool or developer"));
  }
  if (message.has_content() && message.content_parts_size() > 0) {
    return Invalid(field, "set content or content_parts, not both");
  }
  for (int i = 0; i < message.content_parts_size(); ++i) {
    const auto& part = message.content_parts(i);
    std::string part_field = absl::StrCat(field, ".content_parts[", i, "]");
    if (part.type() == "text") {
      if (!part.has_text()) return Invalid(part_field + ".text", "is required");
    } else if (part.type() == "image_url") {
      if (part.image_url().url().empty()) {
        return Invalid(part_field + ".image_url.url", "is required");
      }
    } else {
      return Invalid(part_field + ".type",
                     absl::StrCat("unknown part type '", part.type(),
                                  "'; use text or image_url"));
    }
  }
  if (message.role() == "tool" && message.tool_call_id().empty()) {
    return Invalid(field + ".tool_call_id", "is required for role 'tool'");
  }
  if (message.tool_calls_size() > 0 && message.role() != "assistant") {
    return Invalid(field + ".tool_calls",
                   "only assistant messages carry tool calls");
  }
  for (int i = 0; i < message.tool_calls_size(); ++i) {
    const auto& call = message.tool_calls(i);
    std::string call_field = absl::StrCat(field, ".tool_calls[", i, "]");
    if (call.id().empty()) return Invalid(call_field + ".id", "is required");
    if (call.function().name().empty()) {
      return Invalid(call_field + ".function.name", "is required");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckSampling(const ChatCompletionRequest& r) {
  absl::Status s;
  s.Update(
      CheckRange("temperature", r.has_temperature(), r.temperature(), 0, 2));
  s.Update(CheckRange("top_p", r.has_top_p(), r.top_p(), 0, 1));
  s.Update(CheckRange("presence_penalty", r.has_presence_penalty(),
                      r.presence_penalty(), -2, 2));
  s.Update(CheckRange("frequency_penalty", r.has_frequency_penalty(),
                      r.frequency_penalty(), -2, 2));
  s.Update(CheckRange("n", r.has_n(), r.n(), 1, 128));
  if (!s.ok()) return s;
  if (r.has_max_tokens() && r.max_tokens() < 1) {
    return Invalid("max_tokens", "must be at least 1");
  }
  if (r.has_max_completion_tokens() && r.max_completion_tokens() < 1) {
    return Invalid("max_completion_tokens", "must be at least 1");
  }
  if (r.stop_size() > 4) return Invalid("stop", "at most 4 sequences");
  for (int i = 0; i < r.stop_size(); ++i) {
    if (r.stop(i).empty())
      return Invalid(absl::StrCat("stop[", i, "]"), "is empty");
  }
  if (r.has_reasoning_effort()) {
    absl::string_view e = r.reasoning_effort();
    if (e != "none" && e != "minimal" && e != "low" && e != "medium" &&
        e != "high" && e != "xhigh") {
      return Invalid(
          "reasoning_effort",
          absl::StrCat("unknown value '", e,
                       "'; use none, minimal, low, medium, high or xhigh"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckToolChoice(const google::protobuf::Value& choice) {
  switch (choice.kind_case()) {
    case google::protobuf::Value::KIND_NOT_SET:
    case google::protobuf::Value::kNullValue:
      return absl::OkStatus();
    case google::protobuf::Value::kStringValue: {
      absl::string_view mode = choice.string_value();
      if (mode == "none" || mode == "auto" || mode == "required") {
        return absl::OkStatus();
      }
      return Invalid("tool_choice",
                     absl::StrCat("unknown mode '", mode,
                                  "'; use none, auto or required"));
    }
    case google::protobuf::Value::kStructValue: {
      const auto& fields = choice.struct_value().fields();
      auto function = fields.find("function");
      if (function != fields.end() && function->second.has_struct_value()) {
        const auto& f = function->second.struct_value().fields();
        auto name = f.find("name");
        if (name != f.end() && !name->second.string_value().empty()) {
          return absl::OkStatus();
        }
      }
      return Invalid("tool_choice",
                     "an object must be "
                     "{\"type\":\"function\",\"function\":{\"name\":...}}");
    }
    default:
      return Invalid("tool_choice", "must be a string or an object");
  }
}

absl::Status CheckToolsAndFormat(const ChatCompletionRequest& r) {
  for (int i = 0; i < r.tools_size(); ++i) {
    const auto& tool = r.tools(i);
    std::string field = absl::StrCat("tools[", i, "]");
    if (!tool.type().empty() && tool.type() != "function") {
      return Invalid(field + ".type", "only 'function' tools are supported");
    }
    if (tool.function().name().empty()) {
      return Invalid(field + ".function.name", "is required");
    }
  }
  if (absl::Status s = CheckToolChoice(r.tool_choice()); !s.ok()) return s;
  if (r.has_response_format()) {
    absl::string_view type = r.response_format().type();
    if (type == "json_schema") {
      if (r.response_format().json_schema().name().empty()) {
        return Invalid("response_format.json_schema.name", "is required");
      }
    } else if (type != "text" && type != "json_object") {
      return Invalid("response_format.type",
                     absl::StrCat("unknown type '", type,
                                  "'; use text, json_object or json_schema"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateChatRequest(const ChatCompletionRequest& request) {
  if (request.model().empty()) return Invalid("model", "is required");
  if (request.messages_size() == 0) {
    return Invalid("messages", "at least one message is required");
  }
  for (int i = 0; i < request.messages_size(); ++i) {
    if (absl::Status s = CheckMessage(request.messages(i), i); !s.ok())
      return s;
  }
  if (absl::Status s = CheckSampling(request); !s.ok()) return s;
  return CheckToolsAndFormat(request);
}

}  // namespace literllm
