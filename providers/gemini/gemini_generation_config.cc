#include "providers/gemini/gemini_generation_config.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/strip.h"
#include "providers/gemini/gemini_tools.h"

namespace literllm {
namespace {

constexpr int kMaxStopSequences = 5;

// Gemini 2.5 budgets per reasoning_effort. low/medium/high follow LiteLLM;
// minimal is Flash-Lite's smallest budget and xhigh the largest every 2.5
// model accepts. "none" turns thinking off, except on Pro models, which
// cannot: they get their minimum.
int ThinkingBudget(absl::string_view effort, absl::string_view model) {
  if (effort == "none") return absl::StrContains(model, "-pro") ? 128 : 0;
  if (effort == "minimal") return 512;
  if (effort == "low") return 1024;
  if (effort == "medium") return 2048;
  if (effort == "high") return 4096;
  return 24576;  // xhigh
}

// Gemini 3 cannot turn thinking off: "none" gets the lowest level.
absl::string_view ThinkingLevel(absl::string_view effort) {
  if (effort == "none" || effort == "minimal") return "MINIMAL";
  if (effort == "low") return "LOW";
  if (effort == "medium") return "MEDIUM";
  return "HIGH";  // high, xhigh
}

// includeThoughts returns thought summaries, which become reasoning_content.
void WriteThinkingConfig(absl::string_view effort, absl::string_view model,
                         JsonWriter& w) {
  WriteKey("thinkingConfig", w);
  w.StartObject();
  if (UsesThinkingLevel(model)) {
    WriteStringMember("thinkingLevel", ThinkingLevel(effort), w);
  } else {
    WriteIntMember("thinkingBudget", ThinkingBudget(effort, model), w);
  }
  if (effort != "none") WriteBoolMember("includeThoughts", true, w);
  w.EndObject();
}

// An explicit budget (the Anthropic front's `thinking`) on a model that
// takes budgets: as given, or 0 (off) when disabled.
void WriteThinkingBudget(const v1::ThinkingConfig& thinking, JsonWriter& w) {
  bool on = thinking.type() != "disabled";
  WriteKey("thinkingConfig", w);
  w.StartObject();
  WriteIntMember("thinkingBudget", on ? thinking.budget_tokens() : 0, w);
  if (on) WriteBoolMember("includeThoughts", true, w);
  w.EndObject();
}

void WriteResponseFormat(const v1::ResponseFormat& format, JsonWriter& w) {
  if (format.type() != "json_object" && format.type() != "json_schema") return;
  WriteStringMember("responseMimeType", "application/json", w);
  if (format.type() == "json_schema" && format.json_schema().has_schema()) {
    WriteKey("responseJsonSchema", w);
    WriteStruct(GeminiJsonSchema(format.json_schema().schema()), w);
  }
}

void WriteSampling(const v1::ChatCompletionRequest& r, JsonWriter& w) {
  if (r.has_temperature()) WriteNumberMember("temperature", r.temperature(), w);
  if (r.has_top_p()) WriteNumberMember("topP", r.top_p(), w);
  if (r.has_top_k()) WriteIntMember("topK", r.top_k(), w);
  if (r.has_max_completion_tokens()) {
    WriteIntMember("maxOutputTokens", r.max_completion_tokens(), w);
  } else if (r.has_max_tokens()) {
    WriteIntMember("maxOutputTokens", r.max_tokens(), w);
  }
  if (r.stop_size() > 0) {
    WriteKey("stopSequences", w);
    w.StartArray();
    for (const std::string& stop : r.stop()) WriteString(stop, w);
    w.EndArray();
  }
  if (r.has_n()) WriteIntMember("candidateCount", r.n(), w);
  if (r.has_seed()) WriteIntMember("seed", r.seed(), w);
  if (r.has_presence_penalty()) {
    WriteNumberMember("presencePenalty", r.presence_penalty(), w);
  }
  if (r.has_frequency_penalty()) {
    WriteNumberMember("frequencyPenalty", r.frequency_penalty(), w);
  }
}

}  // namespace

bool UsesThinkingLevel(absl::string_view model) {
  absl::ConsumePrefix(&model, "models/");
  if (!absl::ConsumePrefix(&model, "gemini-")) return false;
  size_t digits = 0;
  while (digits < model.size() && absl::ascii_isdigit(model[digits])) ++digits;
  int major = 0;
  return absl::SimpleAtoi(model.substr(0, digits), &major) && major >= 3;
}

absl::Status WriteGenerationConfig(const v1::ChatCompletionRequest& request,
                                   absl::string_view model, JsonWriter& w) {
  if (request.stop_size() > kMaxStopSequences) {
    return absl::InvalidArgumentError(
        "stop: Gemini accepts at most 5 stop sequences");
  }
  // Written aside first: the member is left out when it would be empty.
  rapidjson::StringBuffer buffer;
  JsonWriter config(buffer);
  config.StartObject();
  WriteSampling(request, config);
  WriteResponseFormat(request.response_format(), config);
  if (request.has_reasoning_effort()) {
    WriteThinkingConfig(request.reasoning_effort(), model, config);
  } else if (request.thinking().has_budget_tokens() &&
             !UsesThinkingLevel(model)) {
    WriteThinkingBudget(request.thinking(), config);
  }
  config.EndObject();
  absl::string_view json(buffer.GetString(), buffer.GetSize());
  if (json == "{}") return absl::OkStatus();
  WriteKey("generationConfig", w);
  w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  return absl::OkStatus();
}

}  // namespace literllm
