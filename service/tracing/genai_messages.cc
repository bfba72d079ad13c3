#include "service/tracing/genai_messages.h"

#include "absl/strings/match.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace literllm {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void String(JsonWriter& json, absl::string_view s) {
  json.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void Member(JsonWriter& json, const char* key, absl::string_view value) {
  json.Key(key);
  String(json, value.substr(0, kMaxCapturedText));
}

void TextPart(JsonWriter& json, absl::string_view text) {
  json.StartObject();
  Member(json, "type", "text");
  Member(json, "content", text);
  json.EndObject();
}

void ImagePart(JsonWriter& json, const v1::ImageUrl& image) {
  json.StartObject();
  Member(json, "type", "uri");
  Member(json, "modality", "image");
  // A data: URL is the image itself, often megabytes: only its kind is kept.
  if (!absl::StartsWith(image.url(), "data:")) Member(json, "uri", image.url());
  json.EndObject();
}

void ToolCallPart(JsonWriter& json, const v1::ToolCall& call) {
  json.StartObject();
  Member(json, "type", "tool_call");
  Member(json, "id", call.id());
  Member(json, "name", call.function().name());
  Member(json, "arguments", call.function().arguments());
  json.EndObject();
}

void Parts(JsonWriter& json, const v1::Message& message) {
  json.Key("parts");
  json.StartArray();
  if (message.role() == "tool") {
    json.StartObject();
    Member(json, "type", "tool_call_response");
    Member(json, "id", message.tool_call_id());
    Member(json, "response", message.content());
    json.EndObject();
  } else if (message.has_content()) {
    TextPart(json, message.content());
  }
  for (const v1::ContentPart& part : message.content_parts()) {
    if (part.has_text()) TextPart(json, part.text());
    if (part.has_image_url()) ImagePart(json, part.image_url());
  }
  for (const v1::ToolCall& call : message.tool_calls()) {
    ToolCallPart(json, call);
  }
  json.EndArray();
}

}  // namespace

std::string InputMessagesJson(const v1::ChatCompletionRequest& request) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartArray();
  for (const v1::Message& message : request.messages()) {
    json.StartObject();
    Member(json, "role", message.role());
    Parts(json, message);
    json.EndObject();
  }
  json.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string OutputMessagesJson(absl::string_view text,
                               const std::vector<std::string>& finish_reasons) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartArray();
  json.StartObject();
  Member(json, "role", "assistant");
  json.Key("parts");
  json.StartArray();
  if (!text.empty()) TextPart(json, text);
  json.EndArray();
  if (!finish_reasons.empty()) Member(json, "finish_reason", finish_reasons[0]);
  json.EndObject();
  json.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace literllm
