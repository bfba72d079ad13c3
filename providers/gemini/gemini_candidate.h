#ifndef LITERLLM_PROVIDERS_GEMINI_GEMINI_CANDIDATE_H_
#define LITERLLM_PROVIDERS_GEMINI_GEMINI_CANDIDATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/json/json_reader.h"
#include "simdjson.h"

namespace literllm {

// What a Gemini response (or stream event) and an OpenAI one share, read once
// for the unary parser and the stream decoder.

struct GeminiCall {
  std::string id;  // Gemini's own id; usually absent (then "")
  std::string name;
  std::string arguments;  // compact JSON object text
  std::string thought_signature;
};

// One candidate's parts, in OpenAI terms.
struct GeminiCandidate {
  int32_t index = 0;
  bool has_text = false;  // a non-thought text part was present
  std::string text;       // non-thought text parts, concatenated
  std::string reasoning;  // parts with thought: true (summaries)
  std::vector<GeminiCall> calls;
  std::string finish_reason;  // Gemini's finishReason, "" when absent
};

// Reads candidates[position]; `index` defaults to `position` since proto3
// JSON leaves out index 0. Signatures on text parts are not kept (Gemini
// requires only those of function calls back). Parts of other kinds
// (executableCode, inlineData output...) are skipped.
absl::Status ReadGeminiCandidate(simdjson::dom::element element,
                                 int32_t position, GeminiCandidate& out);

// OpenAI's finish_reason for Gemini's: STOP → stop, or tool_calls when the
// candidate called functions (Gemini has no reason of its own for that);
// MAX_TOKENS → length; SAFETY, RECITATION (the answer was withheld: cut for
// policy, not finished), BLOCKLIST, PROHIBITED_CONTENT, SPII, LANGUAGE and
// the IMAGE_ safety kinds → content_filter; anything else → stop.
std::string OpenAiFinishReason(absl::string_view gemini_reason, bool has_calls);

// usageMetadata as OpenAI usage: prompt = promptTokenCount +
// toolUsePromptTokenCount, completion = candidatesTokenCount +
// thoughtsTokenCount (OpenAI counts reasoning as completion), total = their
// sum, so the three always add up; cached_tokens = cachedContentTokenCount,
// reasoning_tokens = thoughtsTokenCount.
absl::Status ReadGeminiUsage(simdjson::dom::element usage, v1::Usage& out);

// The call's id: Gemini's own when it gave one, else "call_" and 16 hex
// digits hashed from the response id, candidate, position and name. Stable,
// so the unary and streamed forms of one answer agree, and unique across
// turns (response ids differ); tool results need only the request history to
// find their function's name.
std::string GeminiCallId(const GeminiCall& call, absl::string_view response_id,
                         int32_t candidate, int32_t position);

// Copies name, arguments and thought signature; `Function` is FunctionCall
// (responses) or FunctionCallDelta (stream chunks).
template <typename Function>
void CopyGeminiCall(const GeminiCall& call, Function& out) {
  out.set_name(call.name);
  out.set_arguments(call.arguments);
  if (!call.thought_signature.empty()) {
    out.set_thought_signature(call.thought_signature);
  }
}

// A 200 answer without candidates whose promptFeedback has a blockReason:
// INVALID_ARGUMENT "<provider>: prompt blocked by Gemini (blockReason: X)",
// with Gemini's blockReasonMessage when it gave one. OK otherwise.
absl::Status CheckPromptBlocked(absl::string_view provider,
                                JsonObjectReader& root);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_GEMINI_GEMINI_CANDIDATE_H_
