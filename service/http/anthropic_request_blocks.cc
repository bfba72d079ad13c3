#include "service/http/anthropic_request_blocks.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "service/http/request_fields.h"

namespace literllm {
namespace {

using request_fields::Checked;
using request_fields::Invalid;
using request_fields::Path;
using simdjson::dom::element;
using Messages = google::protobuf::RepeatedPtrField<v1::Message>;

constexpr absl::string_view kUserBlocks = "text, image, document, tool_result";
constexpr absl::string_view kAssistantBlocks =
    "text, tool_use, thinking, redacted_thinking";

// A base64 or URL `source` as the URL of an image_url part.
absl::Status ReadSourceUrl(JsonObjectReader& block, const std::string& path,
                           v1::ContentPart& out) {
  std::optional<element> source = block.Object("source");
  if (!source) return Invalid(Path(path, "source"), "required");
  JsonObjectReader reader(*source);
  absl::string_view type = reader.String("type").value_or("");
  std::string url;
  if (type == "base64") {
    url = absl::StrCat("data:", reader.String("media_type").value_or(""),
                       ";base64,", reader.String("data").value_or(""));
  } else if (type == "url") {
    url = std::string(reader.String("url").value_or(""));
  } else if (type == "text" && out.type() == "document") {
    out.set_type("text");
    out.set_text(std::string(reader.String("data").value_or("")));
    return Checked(reader, Path(path, "source"));
  } else if (reader.status().ok()) {
    return Invalid(Path(path, "source.type"),
                   absl::StrCat("'", type, "' is not supported (base64, url)"));
  }
  out.set_type("image_url");
  out.mutable_image_url()->set_url(std::move(url));
  return Checked(reader, Path(path, "source"));
}

// A text, image or document block as a content part.
absl::Status ReadPart(JsonObjectReader& block, absl::string_view type,
                      const std::string& path, v1::ContentPart& out) {
  out.set_type(std::string(type));
  if (type == "text") {
    out.set_text(std::string(block.String("text").value_or("")));
  } else if (absl::Status source = ReadSourceUrl(block, path, out);
             !source.ok()) {
    return source;
  }
  if (auto cache_control = ReadCacheControl(block)) {
    *out.mutable_cache_control() = *std::move(cache_control);
  }
  return Checked(block, path);
}

bool IsPart(absl::string_view type) {
  return type == "text" || type == "image" || type == "document";
}

// A lone text part without a cache breakpoint is plain content, which every
// provider takes (some reject a list for assistant or tool turns).
void Simplify(v1::Message& message) {
  if (message.content_parts_size() != 1) return;
  const v1::ContentPart& part = message.content_parts(0);
  if (part.type() != "text" || part.has_cache_control()) return;
  message.set_content(part.text());
  message.clear_content_parts();
}

// `content` as a string, or text / image / document blocks as parts.
absl::Status ReadParts(element content, const std::string& path,
                       v1::Message& out) {
  if (content.is_string()) {
    out.set_content(std::string(content.get_string().value_unsafe()));
    return absl::OkStatus();
  }
  simdjson::dom::array blocks;
  if (content.get_array().get(blocks) != simdjson::SUCCESS) {
    return Invalid(path, "expected a string or a list of content blocks");
  }
  size_t i = 0;
  for (element item : blocks) {
    std::string block_path = Path(path, i++);
    JsonObjectReader block(item);
    absl::string_view type = block.String("type").value_or("");
    if (!block.status().ok()) return Checked(block, block_path);
    if (!IsPart(type)) {
      return Invalid(Path(block_path, "type"),
                     absl::StrCat("'", type, "' is not supported here ",
                                  "(text, image, document)"));
    }
    absl::Status status =
        ReadPart(block, type, block_path, *out.add_content_parts());
    if (!status.ok()) return status;
  }
  Simplify(out);
  return absl::OkStatus();
}

absl::Status ReadToolResult(JsonObjectReader& block, const std::string& path,
                            v1::Message& out) {
  out.set_role("tool");
  out.set_tool_call_id(std::string(block.String("tool_use_id").value_or("")));
  if (std::optional<element> content = block.Find("content")) {
    absl::Status status = ReadParts(*content, Path(path, "content"), out);
    if (!status.ok()) return status;
  }
  if (block.Bool("is_error").value_or(false)) out.set_is_error(true);
  if (auto cache_control = ReadCacheControl(block)) {
    *out.mutable_cache_control() = *std::move(cache_control);
  }
  return Checked(block, path);
}

void ReadToolUse(JsonObjectReader& block, const std::string& path,
                 v1::ToolCall& out) {
  out.set_id(std::string(block.String("id").value_or("")));
  out.set_type("function");
  out.mutable_function()->set_name(
      std::string(block.String("name").value_or("")));
  std::optional<element> input = block.Object("input");
  out.mutable_function()->set_arguments(input ? simdjson::minify(*input)
                                              : "{}");
  if (auto cache_control = ReadCacheControl(block)) {
    *out.mutable_cache_control() = *std::move(cache_control);
  }
}

void ReadThinking(JsonObjectReader& block, absl::string_view type,
                  v1::ThinkingBlock& out) {
  out.set_type(std::string(type));
  if (type == "redacted_thinking") {
    out.set_data(std::string(block.String("data").value_or("")));
    return;
  }
  out.set_thinking(std::string(block.String("thinking").value_or("")));
  out.set_signature(std::string(block.String("signature").value_or("")));
}

absl::Status ReadUserBlock(JsonObjectReader& block, absl::string_view type,
                           const std::string& path, Messages& tools,
                           v1::Message& user) {
  if (type == "tool_result") return ReadToolResult(block, path, *tools.Add());
  if (IsPart(type)) {
    return ReadPart(block, type, path, *user.add_content_parts());
  }
  return Invalid(Path(path, "type"),
                 absl::StrCat("'", type, "' is not supported in user turns (",
                              kUserBlocks, ")"));
}

absl::Status ReadAssistantBlock(JsonObjectReader& block, absl::string_view type,
                                const std::string& path, v1::Message& out) {
  if (type == "tool_use") {
    ReadToolUse(block, path, *out.add_tool_calls());
  } else if (type == "thinking" || type == "redacted_thinking") {
    ReadThinking(block, type, *out.add_thinking_blocks());
  } else if (type == "text") {
    return ReadPart(block, type, path, *out.add_content_parts());
  } else {
    return Invalid(
        Path(path, "type"),
        absl::StrCat("'", type, "' is not supported in assistant turns (",
                     kAssistantBlocks, ")"));
  }
  return Checked(block, path);
}

}  // namespace

std::optional<v1::CacheControl> ReadCacheControl(JsonObjectReader& block) {
  std::optional<element> member = block.Object("cache_control");
  if (!member) return std::nullopt;
  JsonObjectReader reader(*member);
  v1::CacheControl out;
  out.set_type(std::string(reader.String("type").value_or("")));
  if (auto ttl = reader.String("ttl")) out.set_ttl(std::string(*ttl));
  if (!reader.status().ok()) {
    block.Update(absl::InvalidArgumentError(
        absl::StrCat("cache_control: ", reader.status().message())));
  }
  return out;
}

absl::Status ReadAnthropicTurn(element turn, const std::string& path,
                               Messages& out) {
  JsonObjectReader reader(turn);
  std::string role(reader.String("role").value_or(""));
  std::optional<element> content = reader.Find("content");
  if (!reader.status().ok()) return Checked(reader, path);
  if (role != "user" && role != "assistant") {
    return Invalid(
        Path(path, "role"),
        absl::StrCat("'", role, "' is not a role here ", "(user, assistant)"));
  }
  if (!content) return Invalid(Path(path, "content"), "required");
  v1::Message message;
  message.set_role(role);
  std::string content_path = Path(path, "content");
  simdjson::dom::array blocks;
  if (content->get_array().get(blocks) != simdjson::SUCCESS) {
    absl::Status status = ReadParts(*content, content_path, message);
    if (status.ok()) *out.Add() = std::move(message);
    return status;
  }
  Messages tools;
  size_t i = 0;
  for (element item : blocks) {
    std::string block_path = Path(content_path, i++);
    JsonObjectReader block(item);
    absl::string_view type = block.String("type").value_or("");
    absl::Status status =
        !block.status().ok() ? Checked(block, block_path)
        : role == "user"
            ? ReadUserBlock(block, type, block_path, tools, message)
            : ReadAssistantBlock(block, type, block_path, message);
    if (!status.ok()) return status;
  }
  Simplify(message);
  for (v1::Message& tool : tools) *out.Add() = std::move(tool);
  bool empty_user = role == "user" && tools.size() > 0 &&
                    message.content_parts_size() == 0 && !message.has_content();
  if (!empty_user) *out.Add() = std::move(message);
  return absl::OkStatus();
}

absl::Status ReadAnthropicSystem(element system, v1::Message& out) {
  out.set_role("system");
  return ReadParts(system, "system", out);
}

}  // namespace literllm
