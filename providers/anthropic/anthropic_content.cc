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
                          const v1::CacheControl* cache_control,
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
  if (cache_control != nullptr) WriteCacheControl(*cache_control, w);
  w.EndObject();
  return absl::OkStatus();
}

absl::Status WriteImageBlock(absl::string_view url, absl::string_view field,
                             const v1::CacheControl* cache_control,
                             JsonWriter& w) {
  if (absl::ConsumePrefix(&url, "data:")) {
    return WriteDataUri(url, field, cache_control, w);
  }
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
  if (cache_control != nullptr) WriteCacheControl(*cache_control, w);
  w.EndObject();
  return absl::OkStatus();
}

bool IsWritten(const v1::ContentPart& part) {
  return part.type() != "text" || !part.text().empty();
}

// The cache_control of block `part` (-1: the content string) of `message`:
// the part's own, else the message's when this is its last block.
const v1::CacheControl* CacheControlOf(const v1::Message& message, int part,
                                       int last, bool own) {
  if (part >= 0 && message.content_parts(part).has_cache_control()) {
    return &message.content_parts(part).cache_control();
  }
  if (own && part == last && message.has_cache_control()) {
    return &message.cache_control();
  }
  return nullptr;
}

// The index of the message's last block (-1: the content string).
int LastBlock(const v1::Message& message) {
  for (int i = message.content_parts_size() - 1; i >= 0; --i) {
    if (IsWritten(message.content_parts(i))) return i;
  }
  return -1;
}

}  // namespace

void WriteCacheControl(const v1::CacheControl& cache_control, JsonWriter& w) {
  if (cache_control.type().empty()) return;
  WriteKey("cache_control", w);
  w.StartObject();
  WriteStringMember("type", cache_control.type(), w);
  if (cache_control.has_ttl()) WriteStringMember("ttl", cache_control.ttl(), w);
  w.EndObject();
}

void WriteTextBlock(absl::string_view text, JsonWriter& w,
                    const v1::CacheControl* cache_control) {
  w.StartObject();
  WriteStringMember("type", "text", w);
  WriteStringMember("text", text, w);
  if (cache_control != nullptr) WriteCacheControl(*cache_control, w);
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
                                JsonWriter& w, bool own_cache_control) {
  const int last = LastBlock(message);
  if (!message.content().empty()) {
    WriteTextBlock(message.content(), w,
                   CacheControlOf(message, -1, last, own_cache_control));
  }
  for (int i = 0; i < message.content_parts_size(); ++i) {
    const v1::ContentPart& part = message.content_parts(i);
    std::string part_field = absl::StrCat(field, ".content_parts[", i, "]");
    const v1::CacheControl* cache_control =
        CacheControlOf(message, i, last, own_cache_control);
    if (part.type() == "text") {
      if (!part.text().empty()) WriteTextBlock(part.text(), w, cache_control);
    } else if (part.type() != "image_url") {
      return Invalid(part_field, absl::StrCat("unsupported part type \"",
                                              part.type(), "\""));
    } else if (!images) {
      return Invalid(part_field,
                     absl::StrCat("anthropic accepts images only from users "
                                  "and tools, not in ",
                                  message.role(), " messages"));
    } else {
      absl::Status status =
          WriteImageBlock(part.image_url().url(), part_field + ".image_url.url",
                          cache_control, w);
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
  WriteCacheControl(call.cache_control(), w);
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
    absl::Status status = WriteMessageBlocks(message, field, true, w,
                                             /*own_cache_control=*/false);
    if (!status.ok()) return status;
    w.EndArray();
  }
  if (message.has_is_error() && message.is_error()) {
    WriteBoolMember("is_error", true, w);
  }
  WriteCacheControl(message.cache_control(), w);
  w.EndObject();
  return absl::OkStatus();
}

}  // namespace literllm
