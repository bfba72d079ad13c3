#include "providers/gemini/gemini_request.h"

#include "absl/status/status.h"
#include "providers/gemini/gemini_conversation.h"
#include "providers/gemini/gemini_generation_config.h"
#include "providers/gemini/gemini_tools.h"
#include "providers/json/json_writer.h"

namespace literllm {
namespace {

void WriteRawObject(absl::string_view key, absl::string_view json,
                    JsonWriter& w) {
  WriteKey(key, w);
  w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
}

void WriteFunctionCall(const GeminiPart& part, JsonWriter& w) {
  WriteKey("functionCall", w);
  w.StartObject();
  WriteStringMember("name", part.name, w);
  WriteRawObject("args", part.json, w);
  w.EndObject();
  // A sibling of functionCall; Gemini 3 rejects calls sent back without it.
  if (!part.thought_signature.empty()) {
    WriteStringMember("thoughtSignature", part.thought_signature, w);
  }
}

void WritePart(const GeminiPart& part, JsonWriter& w) {
  w.StartObject();
  switch (part.kind) {
    case GeminiPart::Kind::kText:
      WriteStringMember("text", part.text, w);
      break;
    case GeminiPart::Kind::kInlineData:
      WriteKey("inlineData", w);
      w.StartObject();
      WriteStringMember("mimeType", part.mime_type, w);
      WriteStringMember("data", part.data, w);
      w.EndObject();
      break;
    case GeminiPart::Kind::kFileData:
      WriteKey("fileData", w);
      w.StartObject();
      if (!part.mime_type.empty()) {
        WriteStringMember("mimeType", part.mime_type, w);
      }
      WriteStringMember("fileUri", part.data, w);
      w.EndObject();
      break;
    case GeminiPart::Kind::kFunctionCall:
      WriteFunctionCall(part, w);
      break;
    case GeminiPart::Kind::kFunctionResponse:
      WriteKey("functionResponse", w);
      w.StartObject();
      WriteStringMember("name", part.name, w);
      WriteRawObject("response", part.json, w);
      w.EndObject();
      break;
  }
  w.EndObject();
}

void WriteConversation(const GeminiConversation& conversation, JsonWriter& w) {
  WriteKey("contents", w);
  w.StartArray();
  for (const GeminiTurn& turn : conversation.turns) {
    w.StartObject();
    WriteStringMember("role", turn.role, w);
    WriteKey("parts", w);
    w.StartArray();
    for (const GeminiPart& part : turn.parts) WritePart(part, w);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  if (conversation.system_texts.empty()) return;
  WriteKey("systemInstruction", w);
  w.StartObject();
  WriteKey("parts", w);
  w.StartArray();
  for (absl::string_view text : conversation.system_texts) {
    w.StartObject();
    WriteStringMember("text", text, w);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

absl::StatusOr<std::string> WriteGeminiBody(
    const v1::ChatCompletionRequest& request, absl::string_view model) {
  absl::StatusOr<GeminiConversation> conversation =
      BuildGeminiConversation(request);
  if (!conversation.ok()) return conversation.status();
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteConversation(*conversation, w);
  absl::Status status = WriteGeminiTools(request, w);
  if (status.ok()) status = WriteGenerationConfig(request, model, w);
  if (!status.ok()) return status;
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace literllm
