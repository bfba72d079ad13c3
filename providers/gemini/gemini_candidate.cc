#include "providers/gemini/gemini_candidate.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "providers/http/provider_failure.h"

namespace literllm {
namespace {

int32_t Count(JsonObjectReader& reader, absl::string_view key) {
  return static_cast<int32_t>(reader.Int64(key).value_or(0));
}

absl::Status ReadCall(JsonObjectReader& part, simdjson::dom::element element,
                      GeminiCall& out) {
  JsonObjectReader call(element);
  out.id = std::string(call.String("id").value_or(""));
  out.name = std::string(call.String("name").value_or(""));
  std::optional<simdjson::dom::element> args = call.Object("args");
  out.arguments = args ? simdjson::minify(*args) : "{}";
  out.thought_signature =
      std::string(part.String("thoughtSignature").value_or(""));
  return call.status();
}

absl::Status ReadPart(simdjson::dom::element element, GeminiCandidate& out) {
  JsonObjectReader part(element);
  bool thought = part.Bool("thought").value_or(false);
  if (std::optional<absl::string_view> text = part.String("text")) {
    if (thought) {
      absl::StrAppend(&out.reasoning, *text);
    } else {
      absl::StrAppend(&out.text, *text);
      out.has_text = true;
    }
  }
  if (std::optional<simdjson::dom::element> call =
          part.Object("functionCall")) {
    out.calls.emplace_back();
    part.Update(ReadCall(part, *call, out.calls.back()));
  }
  return part.status();
}

}  // namespace

absl::Status ReadGeminiCandidate(simdjson::dom::element element,
                                 int32_t position, GeminiCandidate& out) {
  JsonObjectReader candidate(element);
  out.index = static_cast<int32_t>(candidate.Int64("index").value_or(position));
  out.finish_reason =
      std::string(candidate.String("finishReason").value_or(""));
  std::optional<simdjson::dom::element> content = candidate.Object("content");
  if (!content) return candidate.status();  // e.g. stopped for SAFETY
  JsonObjectReader reader(*content);
  if (std::optional<simdjson::dom::array> parts = reader.Array("parts")) {
    for (simdjson::dom::element part : *parts)
      reader.Update(ReadPart(part, out));
  }
  candidate.Update(reader.status());
  return candidate.status();
}

std::string OpenAiFinishReason(absl::string_view gemini_reason,
                               bool has_calls) {
  static constexpr absl::string_view kFiltered[] = {"SAFETY",
                                                    "RECITATION",
                                                    "BLOCKLIST",
                                                    "PROHIBITED_CONTENT",
                                                    "SPII",
                                                    "LANGUAGE",
                                                    "IMAGE_SAFETY",
                                                    "IMAGE_PROHIBITED_CONTENT",
                                                    "IMAGE_RECITATION"};
  if (gemini_reason == "MAX_TOKENS") return "length";
  for (absl::string_view filtered : kFiltered) {
    if (gemini_reason == filtered) return "content_filter";
  }
  if (gemini_reason == "STOP" && has_calls) return "tool_calls";
  return "stop";
}

absl::Status ReadGeminiUsage(simdjson::dom::element usage, v1::Usage& out) {
  JsonObjectReader reader(usage);
  int32_t prompt = Count(reader, "promptTokenCount") +
                   Count(reader, "toolUsePromptTokenCount");
  std::optional<int64_t> thoughts = reader.Int64("thoughtsTokenCount");
  int32_t completion = Count(reader, "candidatesTokenCount") +
                       static_cast<int32_t>(thoughts.value_or(0));
  out.set_prompt_tokens(prompt);
  out.set_completion_tokens(completion);
  out.set_total_tokens(prompt + completion);
  if (std::optional<int64_t> cached = reader.Int64("cachedContentTokenCount")) {
    out.mutable_prompt_tokens_details()->set_cached_tokens(
        static_cast<int32_t>(*cached));
  }
  if (thoughts) {
    out.mutable_completion_tokens_details()->set_reasoning_tokens(
        static_cast<int32_t>(*thoughts));
  }
  return reader.status();
}

std::string GeminiCallId(const GeminiCall& call, absl::string_view response_id,
                         int32_t candidate, int32_t position) {
  if (!call.id.empty()) return call.id;
  // FNV-1a: tiny and the same in every process and build, unlike absl::Hash.
  uint64_t hash = 14695981039346656037ull;
  for (char c : absl::StrCat(response_id, "/", candidate, "/", position, "/",
                             call.name)) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  return absl::StrCat("call_", absl::Hex(hash, absl::kZeroPad16));
}

absl::Status CheckPromptBlocked(absl::string_view provider,
                                JsonObjectReader& root) {
  std::optional<simdjson::dom::array> candidates = root.Array("candidates");
  if (candidates && candidates->size() > 0) return absl::OkStatus();
  std::optional<simdjson::dom::element> feedback =
      root.Object("promptFeedback");
  if (!feedback) return absl::OkStatus();
  JsonObjectReader reader(*feedback);
  std::optional<absl::string_view> reason = reader.String("blockReason");
  if (!reason) return absl::OkStatus();
  std::string message =
      absl::StrCat("prompt blocked by Gemini (blockReason: ", *reason, ")");
  if (std::optional<absl::string_view> why =
          reader.String("blockReasonMessage")) {
    absl::StrAppend(&message, ": ", *why);
  }
  return ProviderFailure(FailureKind::kContentFiltered, provider, message);
}

}  // namespace literllm
