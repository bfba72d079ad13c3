#include "providers/openai/openai_dialect.h"

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace literllm {

const std::vector<absl::string_view>& OpenAiDialect::KnownParams() {
  static const auto* const kParams = new std::vector<absl::string_view>{
      "temperature",
      "top_p",
      "max_tokens",
      "max_completion_tokens",
      "n",
      "stop",
      "presence_penalty",
      "frequency_penalty",
      "seed",
      "reasoning_effort",
      "response_format",
      "tools",
      "tool_choice",
      "parallel_tool_calls",
      "user",
      "name",
  };
  return *kParams;
}

absl::Status OpenAiDialect::CheckParam(absl::string_view param) {
  if (absl::c_linear_search(KnownParams(), param)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("'", param, "' is not a request member that can be ",
                   "dropped; known: ", absl::StrJoin(KnownParams(), ", ")));
}

OpenAiDialect& OpenAiDialect::Drop(
    std::initializer_list<absl::string_view> params) {
  for (absl::string_view param : params) dropped.emplace_back(param);
  return *this;
}

OpenAiDialect& OpenAiDialect::Rename(absl::string_view param,
                                     absl::string_view as) {
  renamed.emplace_back(std::string(param), std::string(as));
  return *this;
}

OpenAiDialect& OpenAiDialect::RequiredToolChoice(absl::string_view value) {
  required_tool_choice = std::string(value);
  return *this;
}

OpenAiDialect& OpenAiDialect::NoStreamOptions() {
  stream_options = false;
  return *this;
}

OpenAiDialect& OpenAiDialect::DeveloperRole() {
  developer_role = true;
  return *this;
}

OpenAiDialect& OpenAiDialect::SingleChoice() {
  multiple_choices = false;
  return *this;
}

OpenAiDialect& OpenAiDialect::NoTools() {
  tools = false;
  return *this;
}

OpenAiDialect& OpenAiDialect::NineCharToolCallIds() {
  nine_char_tool_call_ids = true;
  return *this;
}

OpenAiDialect& OpenAiDialect::EchoReasoningContent() {
  echo_reasoning_content = true;
  return *this;
}

OpenAiDialect& OpenAiDialect::NoModelListing() {
  model_listing = false;
  return *this;
}

OpenAiDialect& OpenAiDialect::NoDoneMarker() {
  done_marker = false;
  return *this;
}

OpenAiDialect& OpenAiDialect::AzureDeployments() {
  endpoint = Endpoint::kAzureDeployment;
  model_listing = false;
  return *this;
}

absl::string_view OpenAiDialect::ParamName(absl::string_view param) const {
  if (absl::c_linear_search(dropped, param)) return "";
  for (const auto& [from, to] : renamed) {
    if (from == param) return to;
  }
  return param;
}

}  // namespace literllm
