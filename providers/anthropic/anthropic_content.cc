#include "providers/anthropic/anthropic_content.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "providers/json/json_reader.h"

namespace literllm {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

// `data:<media type>[;params];base64,<data>` → source {type base64, ...}.
// PDFs become document blocks, everything else an image block; Anthropic
// checks the media type itself.
absl::Status WriteDataUri(absl::string_view uri, absl::string_view field,
                          JsonWriter& w) {
  size_t comma = uri.find(',');
  absl::string_view meta = uri.substr(0, comma);
  if (comma == absl::string_view::npos || comma + 1 == uri.size() ||
      !absl::ConsumeSuffix(&meta, ";base64")) {
    return Invalid(field, "data: URIs must be base64 (data:<type>;base64,...)");
  }
  absl::string_view media_type = meta.substr(0, meta.find(';'));
  if (media_type.empty()) return Invalid(field, "data: URI has no media type");
  w.StartObject();
  WriteStringMember("type",
                    media_type == "application/pdf" ? "document" : "image", w);
  WriteKey("source", w);
  w.StartObject();
  WriteStringMember("type", "base64", w);
  WriteStringMember("media_type", media_type, w);
  WriteStringMember("data", uri.substr(comma + 1), w);
  w.EndObject();
  w.EndObject();
  return absl::OkStatus();
}

absl::Status WriteImageBlock(absl::string_view url, absl::string_view field,
                             JsonWriter& w) {
  if (absl::ConsumePrefix(&url, "data:")) return WriteDataUri(url, field, w);
  if (!absl::StartsWith(url, "https://") && !absl::StartsWith(url, "http://")) {
    return Invalid(field, "use an https URL or a base64 data: URI");
  }
  w.StartObject();
  WriteStringMember("type", "image", w);
  WriteKey("source", w);
  w.StartObject();
  WriteStringMember("type", "url", w);
  WriteStringMember("url", url, w);
  w.EndObject();
  w.EndObject();
  return absl::OkStatus();
}

bool IsWritten(const v1::ContentPart& part) {
  return part.type() != "text" || !part.text().empty();
}

}  // namespace

void WriteTextBlock(absl::string_view text, JsonWriter& w) {
  w.StartObject();
  WriteStringMember("type", "text", w);
  WriteStringMember("text", text, w);
  w.EndObject();
}

bool HasMessageBlocks(const v1::Message& message) {
  if (!message.content().empty()) return true;
  for (const v1::ContentPart& part : message.content_parts()) {
    if (IsWritten(part)) return true;
  }
  return false;
}

absl::Status WriteMessageBlocks(const v1::Message& message,
                                absl::string_view field, bool images,
                                JsonWriter& w) {
  if (!message.content().empty()) WriteTextBlock(message.content(), w);
  for (int i = 0; i < message.content_parts_size(); ++i) {
    const v1::ContentPart& part = message.content_parts(i);
    std::string part_field = absl::StrCat(field, ".content_parts[", i, "]");
    if (part.type() == "text") {
      if (!part.text().empty()) WriteTextBlock(part.text(), w);
    } else if (part.type() != "image_url") {
      return Invalid(part_field, absl::StrCat("unsupported part type \"",
                                              part.type(), "\""));
    } else if (!images) {
      return Invalid(part_field,
                     absl::StrCat("anthropic accepts images only from users "
                                  "and tools, not in ",
                                  message.role(), " messages"));
    } else {
      absl::Status status = WriteImageBlock(part.image_url().url(),
                                            part_field + ".image_url.url", w);
      if (!status.ok()) return status;
    }
  }
  return absl::OkStatus();
}

absl::Status WriteToolUseBlock(const v1::ToolCall& call,
                               absl::string_view field, JsonWriter& w) {
  std::string input = "{}";
  absl::string_view arguments = call.function().arguments();
  if (!absl::StripAsciiWhitespace(arguments).empty()) {
    absl::StatusOr<simdjson::dom::element> root = ParseJson(arguments);
    if (!root.ok() || !root->is_object()) {
      return Invalid(absl::StrCat(field, ".function.arguments"),
                     root.ok() ? "must be a JSON object"
                               : absl::StrCat("must be a JSON object (",
                                              root.status().message(), ")"));
    }
    input = simdjson::minify(*root);
  }
  w.StartObject();
  WriteStringMember("type", "tool_use", w);
  WriteStringMember("id", call.id(), w);
  WriteStringMember("name", call.function().name(), w);
  WriteKey("input", w);
  w.RawValue(input.data(), input.size(), rapidjson::kObjectType);
  w.EndObject();
  return absl::OkStatus();
}

bool IsSendable(const v1::ThinkingBlock& block) {
  if (block.type() == "redacted_thinking") return !block.data().empty();
  return !block.signature().empty();
}

absl::Status WriteThinkingBlock(const v1::ThinkingBlock& block,
                                absl::string_view field, JsonWriter& w) {
  if (block.type() != "thinking" && block.type() != "redacted_thinking") {
    return Invalid(absl::StrCat(field, ".type"),
                   absl::StrCat("unknown thinking block type \"", block.type(),
                                "\"; use thinking or redacted_thinking"));
  }
  if (!IsSendable(block)) return absl::OkStatus();
  w.StartObject();
  WriteStringMember("type", block.type(), w);
  if (block.type() == "redacted_thinking") {
    WriteStringMember("data", block.data(), w);
  } else {
    WriteStringMember("thinking", block.thinking(), w);
    WriteStringMember("signature", block.signature(), w);
  }
  w.EndObject();
  return absl::OkStatus();
}

absl::Status WriteToolResultBlock(const v1::Message& message,
                                  absl::string_view field, JsonWriter& w) {
  w.StartObject();
  WriteStringMember("type", "tool_result", w);
  WriteStringMember("tool_use_id", message.tool_call_id(), w);
  // An empty result is sent without content: Anthropic rejects empty text.
  if (message.content_parts_size() == 0) {
    if (!message.content().empty()) {
      WriteStringMember("content", message.content(), w);
    }
  } else if (HasMessageBlocks(message)) {
    WriteKey("content", w);
    w.StartArray();
    absl::Status status = WriteMessageBlocks(message, field, true, w);
    if (!status.ok()) return status;
    w.EndArray();
  }
  w.EndObject();
  return absl::OkStatus();
}

}  // namespace literllm
