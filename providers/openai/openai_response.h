#ifndef LITERLLM_PROVIDERS_OPENAI_OPENAI_RESPONSE_H_
#define LITERLLM_PROVIDERS_OPENAI_OPENAI_RESPONSE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/json/json_reader.h"
#include "simdjson.h"

namespace literllm {

// Parses a `chat.completion` body and tags it with `provider`. Unknown
// members are ignored; a body that is not JSON or has the wrong shape is
// INTERNAL "<provider>: could not parse response: <why>".
absl::StatusOr<v1::ChatCompletionResponse> ParseOpenAiChatResponse(
    absl::string_view provider, absl::string_view body);

// OpenAI's name for a finish reason some compatible servers spell their own
// way (Together's `eos`, Mistral's `model_length`).
std::string OpenAiFinishReason(absl::string_view reason);

// The usage a response or chunk reports: `usage`, or Groq's
// `x_groq.usage`. Nullopt when there is none.
std::optional<simdjson::dom::element> FindOpenAiUsage(JsonObjectReader& root);

// Reads a `usage` object (responses and stream chunks alike) in OpenAI's
// meaning whoever sent it: OpenRouter's cache_write_tokens become
// cache_creation_tokens; reasoning tokens xAI leaves out of
// completion_tokens (but counts in total_tokens) are added back in.
// INVALID_ARGUMENT naming the offending member when the shape is wrong.
absl::Status ReadOpenAiUsage(simdjson::dom::element usage, v1::Usage& out);

// Copies the members every response and chunk starts with; `Proto` is
// ChatCompletionResponse or ChatCompletionChunk. Type errors stay in `root`.
template <typename Proto>
void ReadOpenAiEnvelope(JsonObjectReader& root, Proto& out) {
  if (auto id = root.String("id")) out.set_id(std::string(*id));
  if (auto object = root.String("object")) out.set_object(std::string(*object));
  if (auto created = root.Int64("created")) out.set_created(*created);
  if (auto model = root.String("model")) out.set_model(std::string(*model));
  if (auto fingerprint = root.String("system_fingerprint")) {
    out.set_system_fingerprint(std::string(*fingerprint));
  }
}

// Copies a tool call's `function` {name, arguments}; `Function` is
// FunctionCall (responses) or FunctionCallDelta (stream chunks).
template <typename Function>
absl::Status ReadOpenAiFunction(simdjson::dom::element element, Function& out) {
  JsonObjectReader function(element);
  if (auto name = function.String("name")) out.set_name(std::string(*name));
  if (auto arguments = function.String("arguments")) {
    out.set_arguments(std::string(*arguments));
  }
  return function.status();
}

// The text of a message's or delta's `content`: a string, or a list of typed
// parts (Mistral's with reasoning on). Text parts are joined into `text`;
// thinking parts, whose `thinking` is a string or a list of text parts, into
// `reasoning`; other parts (images, Mistral's references) carry no text.
// Each stays unset when no part of its kind came.
struct OpenAiContent {
  std::optional<std::string> text;
  std::optional<std::string> reasoning;
};

// Reads `content` (absent and null read as nothing). Type errors stay in
// `reader`.
OpenAiContent ReadOpenAiContent(JsonObjectReader& reader);

// Copies the text members a message and a delta share; `Proto` is Message
// or Delta. `reasoning_content` is DeepSeek's (and other compatible
// servers') reasoning text. Type errors stay in `reader`.
template <typename Proto>
void ReadOpenAiMessageText(JsonObjectReader& reader, Proto& out) {
  if (auto role = reader.String("role")) out.set_role(std::string(*role));
  OpenAiContent content = ReadOpenAiContent(reader);
  if (content.text) out.set_content(*std::move(content.text));
  if (auto refusal = reader.String("refusal")) {
    out.set_refusal(std::string(*refusal));
  }
  // `reasoning` is OpenRouter's, Groq's and newer vLLM's name for it.
  for (absl::string_view key : {"reasoning_content", "reasoning"}) {
    if (auto reasoning = reader.String(key)) {
      out.set_reasoning_content(std::string(*reasoning));
      break;
    }
  }
  if (content.reasoning) {
    out.mutable_reasoning_content()->append(*content.reasoning);
  }
}

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_OPENAI_OPENAI_RESPONSE_H_
