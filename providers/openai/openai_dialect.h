#ifndef LITERLLM_PROVIDERS_OPENAI_OPENAI_DIALECT_H_
#define LITERLLM_PROVIDERS_OPENAI_OPENAI_DIALECT_H_

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace literllm {

// How one server's Chat Completions API differs from OpenAI's. Every
// OpenAI-compatible provider is the OpenAI codec plus one of these, written
// as a single entry of the registry's table.
struct OpenAiDialect {
  // How the key is sent and where a model's requests go.
  enum class Endpoint {
    kBearer,           // POST {base}/chat/completions, Authorization: Bearer
    kAzureDeployment,  // POST {base}/openai/deployments/{model}/chat/...
                       // ?api-version=..., api-key header
  };
  Endpoint endpoint = Endpoint::kBearer;
  std::string api_version;  // kAzureDeployment only

  // Body members the server rejects; left out. Names are OpenAI's, e.g.
  // "presence_penalty"; "name" is the messages' `name` member.
  std::vector<std::string> dropped;
  // Body members the server spells differently (OpenAI name, theirs).
  std::vector<std::pair<std::string, std::string>> renamed;
  // `tool_choice: "required"` in the server's words.
  std::string required_tool_choice = "required";
  // Whether streams may ask for usage with stream_options.include_usage;
  // servers without it report usage unasked.
  bool stream_options = true;
  // Whether `developer` messages are understood; else they are sent as
  // `system`, which every compatible server knows.
  bool developer_role = false;
  // Whether `n` > 1 is served; else it is INVALID_ARGUMENT before any call.
  bool multiple_choices = true;
  // Whether function calling is served; else tools are INVALID_ARGUMENT.
  bool tools = true;
  // Mistral accepts only tool-call ids of exactly 9 letters and digits;
  // other ids are rewritten, the same way in every message of a request.
  bool nine_char_tool_call_ids = false;
  // DeepSeek wants assistant turns' reasoning_content echoed back.
  bool echo_reasoning_content = false;
  // Whether GET {base}/models lists the served models.
  bool model_listing = true;
  // Whether streams end with `data: [DONE]`. Perplexity's stop after the
  // finish reason and usage, with no marker: such a stream is complete once
  // every choice has finished, and cut (UNAVAILABLE) otherwise.
  bool done_marker = true;

  // Every body member `dropped` and `renamed` may name.
  static const std::vector<absl::string_view>& KnownParams();

  // Builder steps, so a table entry reads as one expression.
  OpenAiDialect& Drop(std::initializer_list<absl::string_view> params);
  OpenAiDialect& Rename(absl::string_view param, absl::string_view as);
  OpenAiDialect& RequiredToolChoice(absl::string_view value);
  OpenAiDialect& NoStreamOptions();
  OpenAiDialect& DeveloperRole();
  OpenAiDialect& SingleChoice();
  OpenAiDialect& NoTools();
  OpenAiDialect& NineCharToolCallIds();
  OpenAiDialect& EchoReasoningContent();
  OpenAiDialect& NoModelListing();
  OpenAiDialect& NoDoneMarker();
  OpenAiDialect& AzureDeployments();

  // Whether `param` is sent, and under which name ("" when dropped).
  absl::string_view ParamName(absl::string_view param) const;
  // OK, or INVALID_ARGUMENT naming a member that is not an OpenAI body member.
  static absl::Status CheckParam(absl::string_view param);
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_OPENAI_OPENAI_DIALECT_H_
