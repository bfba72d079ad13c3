#include "providers/gemini/gemini_conversation.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "providers/json/json_reader.h"
#include "providers/json/json_writer.h"

namespace literllm {
namespace {

using Kind = GeminiPart::Kind;

// Gemini needs at least one content; "." is neutral and known to work.
constexpr absl::string_view kSyntheticUserText = ".";

absl::Status MessageError(int index, absl::string_view field,
                          absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat("messages[", index, "]", field, ": ", problem));
}

GeminiPart TextPart(absl::string_view text) {
  GeminiPart part;
  part.text = text;
  return part;
}

// data:<mime>[;params];base64,<data> → inlineData; any other URL → fileData.
absl::StatusOr<GeminiPart> ImagePart(absl::string_view url) {
  GeminiPart part;
  absl::string_view rest = url;
  if (!absl::ConsumePrefix(&rest, "data:")) {
    part.kind = Kind::kFileData;
    part.data = url;
    part.mime_type = GuessMimeType(url);
    return part;
  }
  size_t comma = rest.find(',');
  absl::string_view header = rest.substr(0, comma);
  if (comma == absl::string_view::npos ||
      !absl::ConsumeSuffix(&header, ";base64") || header.empty()) {
    return absl::InvalidArgumentError(
        "an image data: URI must be data:<mime>;base64,<data>");
  }
  part.kind = Kind::kInlineData;
  part.mime_type = header.substr(0, header.find(';'));
  part.data = rest.substr(comma + 1);
  return part;
}

// The message's text (content, or its parts) and images, in order.
absl::Status AppendContent(const v1::Message& message, int index,
                           std::vector<GeminiPart>& parts) {
  if (message.has_content()) {
    if (!message.content().empty())
      parts.push_back(TextPart(message.content()));
    return absl::OkStatus();
  }
  for (int i = 0; i < message.content_parts_size(); ++i) {
    const v1::ContentPart& part = message.content_parts(i);
    std::string field = absl::StrCat(".content_parts[", i, "]");
    if (part.type() == "text") {
      if (!part.text().empty()) parts.push_back(TextPart(part.text()));
    } else if (part.type() == "image_url") {
      absl::StatusOr<GeminiPart> image = ImagePart(part.image_url().url());
      if (!image.ok())
        return MessageError(index, field, image.status().message());
      parts.push_back(*std::move(image));
    } else {
      return MessageError(index, field,
                          absl::StrCat("unsupported type '", part.type(), "'"));
    }
  }
  return absl::OkStatus();
}

// Gemini's args are an object; OpenAI's arguments a JSON string of one.
absl::StatusOr<std::string> ArgumentsObject(absl::string_view arguments) {
  if (absl::StripAsciiWhitespace(arguments).empty()) return std::string("{}");
  absl::StatusOr<simdjson::dom::element> root = ParseJson(arguments);
  if (!root.ok()) return root.status();
  if (!root->is_object()) {
    return absl::InvalidArgumentError("expected a JSON object");
  }
  return simdjson::minify(*root);
}

// functionResponse.response must be an object: a JSON object result is sent
// as is, anything else as {"result": "<text>"}.
std::string ResponseObject(absl::string_view text) {
  absl::StatusOr<simdjson::dom::element> root = ParseJson(text);
  if (root.ok() && root->is_object()) return simdjson::minify(*root);
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteStringMember("result", text, w);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string ToolResultText(const v1::Message& message) {
  if (message.has_content()) return message.content();
  std::string text;
  for (const v1::ContentPart& part : message.content_parts()) {
    if (part.type() == "text") absl::StrAppend(&text, part.text());
  }
  return text;
}

class ConversationBuilder {
 public:
  absl::Status Add(const v1::Message& message, int index);
  GeminiConversation Finish() &&;

 private:
  absl::Status AddSystem(const v1::Message& message, int index);
  absl::Status AddAssistant(const v1::Message& message, int index);
  absl::Status AddTool(const v1::Message& message, int index);
  void Append(absl::string_view role, std::vector<GeminiPart> parts);

  GeminiConversation out_;
  bool in_preamble_ = true;  // no user/assistant/tool message seen yet
  // Tool call id → function name, from the assistant turns seen so far.
  absl::flat_hash_map<absl::string_view, absl::string_view> call_names_;
};

absl::Status ConversationBuilder::Add(const v1::Message& message, int index) {
  absl::string_view role = message.role();
  if (role == "system" || role == "developer") return AddSystem(message, index);
  in_preamble_ = false;
  if (role == "assistant") return AddAssistant(message, index);
  if (role == "tool") return AddTool(message, index);
  if (role != "user") {
    return MessageError(index, ".role",
                        absl::StrCat("unknown role '", role, "'"));
  }
  std::vector<GeminiPart> parts;
  absl::Status status = AppendContent(message, index, parts);
  if (status.ok()) Append("user", std::move(parts));
  return status;
}

absl::Status ConversationBuilder::AddSystem(const v1::Message& message,
                                            int index) {
  std::vector<GeminiPart> parts;
  absl::Status status = AppendContent(message, index, parts);
  if (!status.ok()) return status;
  for (const GeminiPart& part : parts) {
    if (part.kind != Kind::kText) {
      return MessageError(index, "", "system messages carry text only");
    }
  }
  if (!in_preamble_) {
    Append("user", std::move(parts));
    return absl::OkStatus();
  }
  for (const GeminiPart& part : parts) out_.system_texts.push_back(part.text);
  return absl::OkStatus();
}

absl::Status ConversationBuilder::AddAssistant(const v1::Message& message,
                                               int index) {
  std::vector<GeminiPart> parts;
  absl::Status status = AppendContent(message, index, parts);
  if (!status.ok()) return status;
  if (parts.empty() && !message.refusal().empty()) {
    parts.push_back(TextPart(message.refusal()));
  }
  for (int i = 0; i < message.tool_calls_size(); ++i) {
    const v1::ToolCall& call = message.tool_calls(i);
    absl::StatusOr<std::string> args =
        ArgumentsObject(call.function().arguments());
    if (!args.ok()) {
      return MessageError(
          index, absl::StrCat(".tool_calls[", i, "].function.arguments"),
          absl::StrCat("must be a JSON object: ", args.status().message()));
    }
    GeminiPart part;
    part.kind = Kind::kFunctionCall;
    part.name = call.function().name();
    part.thought_signature = call.function().thought_signature();
    part.json = *std::move(args);
    parts.push_back(std::move(part));
    call_names_[call.id()] = call.function().name();
  }
  Append("model", std::move(parts));
  return absl::OkStatus();
}

absl::Status ConversationBuilder::AddTool(const v1::Message& message,
                                          int index) {
  auto name = call_names_.find(message.tool_call_id());
  if (name == call_names_.end()) {
    return MessageError(index, ".tool_call_id",
                        absl::StrCat("'", message.tool_call_id(),
                                     "' matches no earlier assistant tool call "
                                     "(Gemini needs the function's name)"));
  }
  GeminiPart part;
  part.kind = Kind::kFunctionResponse;
  part.name = name->second;
  part.json = ResponseObject(ToolResultText(message));
  std::vector<GeminiPart> parts;
  parts.push_back(std::move(part));
  Append("user", std::move(parts));
  return absl::OkStatus();
}

void ConversationBuilder::Append(absl::string_view role,
                                 std::vector<GeminiPart> parts) {
  if (parts.empty()) return;
  if (out_.turns.empty() || out_.turns.back().role != role) {
    out_.turns.push_back(GeminiTurn{role, {}});
  }
  std::vector<GeminiPart>& into = out_.turns.back().parts;
  for (GeminiPart& part : parts) into.push_back(std::move(part));
}

GeminiConversation ConversationBuilder::Finish() && {
  if (out_.turns.empty()) {
    out_.turns.push_back(GeminiTurn{"user", {TextPart(kSyntheticUserText)}});
  }
  return std::move(out_);
}

}  // namespace

absl::StatusOr<GeminiConversation> BuildGeminiConversation(
    const v1::ChatCompletionRequest& request) {
  ConversationBuilder builder;
  for (int i = 0; i < request.messages_size(); ++i) {
    absl::Status status = builder.Add(request.messages(i), i);
    if (!status.ok()) return status;
  }
  return std::move(builder).Finish();
}

absl::string_view GuessMimeType(absl::string_view url) {
  struct Type {
    absl::string_view extension;
    absl::string_view mime_type;
  };
  static constexpr Type kTypes[] = {
      {"png", "image/png"},   {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"}, {"webp", "image/webp"},
      {"gif", "image/gif"},   {"heic", "image/heic"},
      {"heif", "image/heif"}, {"pdf", "application/pdf"},
  };
  absl::string_view path = url.substr(0, url.find_first_of("?#"));
  path = path.substr(path.rfind('/') + 1);  // npos + 1 == 0
  size_t dot = path.rfind('.');
  if (dot == absl::string_view::npos) return "";
  std::string extension = absl::AsciiStrToLower(path.substr(dot + 1));
  for (const Type& type : kTypes) {
    if (type.extension == extension) return type.mime_type;
  }
  return "";
}

}  // namespace literllm
