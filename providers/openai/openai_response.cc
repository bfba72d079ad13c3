#include "providers/openai/openai_response.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

int32_t Count(JsonObjectReader& reader, absl::string_view key) {
  return static_cast<int32_t>(reader.Int64(key).value_or(0));
}

absl::Status ReadPromptDetails(simdjson::dom::element element,
                               v1::PromptTokensDetails& out) {
  JsonObjectReader details(element);
  out.set_cached_tokens(Count(details, "cached_tokens"));
  out.set_audio_tokens(Count(details, "audio_tokens"));
  // OpenRouter's name for prompt tokens written to the provider's cache.
  out.set_cache_creation_tokens(Count(details, "cache_write_tokens"));
  return details.status();
}

absl::Status ReadCompletionDetails(simdjson::dom::element element,
                                   v1::CompletionTokensDetails& out) {
  JsonObjectReader details(element);
  out.set_reasoning_tokens(Count(details, "reasoning_tokens"));
  out.set_audio_tokens(Count(details, "audio_tokens"));
  out.set_accepted_prediction_tokens(
      Count(details, "accepted_prediction_tokens"));
  out.set_rejected_prediction_tokens(
      Count(details, "rejected_prediction_tokens"));
  return details.status();
}

// xAI counts reasoning tokens in total_tokens but not in completion_tokens;
// OpenAI's completion_tokens include them, and cost is priced from them.
// Only an exact fit is taken for xAI's way, so other usage stays as sent.
void CountReasoningAsCompletion(v1::Usage& usage) {
  const int64_t reasoning =
      usage.completion_tokens_details().reasoning_tokens();
  const int64_t counted =
      int64_t{usage.prompt_tokens()} + usage.completion_tokens();
  if (reasoning > 0 && counted + reasoning == usage.total_tokens()) {
    usage.set_completion_tokens(usage.completion_tokens() +
                                static_cast<int32_t>(reasoning));
  }
}

void Append(absl::string_view text, std::optional<std::string>& to) {
  if (!to) to.emplace();
  to->append(text.data(), text.size());
}

// A string, or a list of typed parts: text parts are joined into `text`,
// the text of thinking parts into `reasoning`.
absl::Status ReadContent(absl::string_view key, simdjson::dom::element value,
                         OpenAiContent& out) {
  if (value.is_string()) {
    std::string_view text = value.get_string().value_unsafe();
    Append(absl::string_view(text.data(), text.size()), out.text);
    return absl::OkStatus();
  }
  simdjson::dom::array parts;
  if (value.get(parts) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        absl::StrCat("member \"", key, "\": expected string or array"));
  }
  absl::Status status;
  for (simdjson::dom::element element : parts) {
    JsonObjectReader part(element);
    absl::string_view type = part.String("type").value_or("");
    if (type == "text") {
      Append(part.String("text").value_or(""), out.text);
    } else if (type == "thinking") {
      if (auto thinking = part.Find("thinking")) {
        OpenAiContent inner;
        part.Update(ReadContent("thinking", *thinking, inner));
        if (inner.text) Append(*inner.text, out.reasoning);
      }
    }
    status.Update(part.status());
  }
  return status;
}

absl::Status ReadToolCall(simdjson::dom::element element, v1::ToolCall& out) {
  JsonObjectReader call(element);
  if (auto id = call.String("id")) out.set_id(std::string(*id));
  out.set_type(std::string(call.String("type").value_or("function")));
  if (auto function = call.Object("function")) {
    call.Update(ReadOpenAiFunction(*function, *out.mutable_function()));
  }
  return call.status();
}

absl::Status ReadMessage(simdjson::dom::element element, v1::Message& out) {
  JsonObjectReader message(element);
  ReadOpenAiMessageText(message, out);
  if (auto calls = message.Array("tool_calls")) {
    for (simdjson::dom::element call : *calls) {
      message.Update(ReadToolCall(call, *out.add_tool_calls()));
    }
  }
  return message.status();
}

absl::Status ReadChoice(simdjson::dom::element element, v1::Choice& out) {
  JsonObjectReader choice(element);
  out.set_index(static_cast<int32_t>(choice.Int64("index").value_or(0)));
  if (auto reason = choice.String("finish_reason")) {
    out.set_finish_reason(OpenAiFinishReason(*reason));
  }
  if (auto message = choice.Object("message")) {
    choice.Update(ReadMessage(*message, *out.mutable_message()));
  }
  return choice.status();
}

absl::Status ReadResponse(simdjson::dom::element element,
                          v1::ChatCompletionResponse& out) {
  JsonObjectReader root(element);
  ReadOpenAiEnvelope(root, out);
  if (auto tier = root.String("service_tier")) {
    out.set_service_tier(std::string(*tier));
  }
  if (auto choices = root.Array("choices")) {
    for (simdjson::dom::element choice : *choices) {
      root.Update(ReadChoice(choice, *out.add_choices()));
    }
  } else {
    root.Update(absl::InvalidArgumentError("no \"choices\" array"));
  }
  if (auto usage = FindOpenAiUsage(root)) {
    root.Update(ReadOpenAiUsage(*usage, *out.mutable_usage()));
  }
  return root.status();
}

}  // namespace

std::string OpenAiFinishReason(absl::string_view reason) {
  if (reason == "eos") return "stop";
  if (reason == "model_length") return "length";
  return std::string(reason);
}

OpenAiContent ReadOpenAiContent(JsonObjectReader& reader) {
  OpenAiContent content;
  if (auto value = reader.Find("content")) {
    reader.Update(ReadContent("content", *value, content));
  }
  return content;
}

std::optional<simdjson::dom::element> FindOpenAiUsage(JsonObjectReader& root) {
  if (auto usage = root.Object("usage")) return usage;
  if (auto groq = root.Object("x_groq")) {
    JsonObjectReader x_groq(*groq);
    if (auto usage = x_groq.Object("usage")) return usage;
  }
  return std::nullopt;
}

absl::Status ReadOpenAiUsage(simdjson::dom::element usage, v1::Usage& out) {
  JsonObjectReader reader(usage);
  out.set_prompt_tokens(Count(reader, "prompt_tokens"));
  out.set_completion_tokens(Count(reader, "completion_tokens"));
  out.set_total_tokens(Count(reader, "total_tokens"));
  if (auto details = reader.Object("prompt_tokens_details")) {
    reader.Update(
        ReadPromptDetails(*details, *out.mutable_prompt_tokens_details()));
  }
  if (auto details = reader.Object("completion_tokens_details")) {
    reader.Update(ReadCompletionDetails(
        *details, *out.mutable_completion_tokens_details()));
  }
  CountReasoningAsCompletion(out);
  return reader.status();
}

absl::StatusOr<v1::ChatCompletionResponse> ParseOpenAiChatResponse(
    absl::string_view provider, absl::string_view body) {
  absl::StatusOr<v1::ChatCompletionResponse> response =
      ParseJsonBody<v1::ChatCompletionResponse>(provider, "response", body,
                                                &ReadResponse);
  if (response.ok()) response->set_provider(std::string(provider));
  return response;
}

}  // namespace literllm
