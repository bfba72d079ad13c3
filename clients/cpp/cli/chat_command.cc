#include "clients/cpp/cli/chat_command.h"

#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "clients/cpp/cli/output.h"

namespace literllm {
namespace {

std::optional<double> CostOf(const v1::ChatCompletionResponse& response) {
  if (!response.has_estimated_cost_usd()) return std::nullopt;
  return response.estimated_cost_usd();
}

void PrintChoice(const v1::Message& message) {
  if (message.has_content()) PrintRaw(message.content() + "\n");
  if (message.has_refusal()) PrintRaw("refusal: " + message.refusal() + "\n");
  for (const v1::ToolCall& call : message.tool_calls()) {
    PrintToolCall(call.function().name(), call.function().arguments());
  }
}

int RunUnary(LlmClient& client, const v1::ChatCompletionRequest& request,
             bool json) {
  absl::StatusOr<v1::ChatCompletionResponse> response = client.Chat(request);
  if (!response.ok()) return ReportRpcError(response.status());
  if (json) {
    PrintJson(*response);
  } else {
    for (const v1::Choice& choice : response->choices()) {
      PrintChoice(choice.message());
    }
  }
  PrintUsage(response->has_usage() ? &response->usage() : nullptr,
             CostOf(*response));
  return kExitOk;
}

// Prints a stream as it arrives. Tool calls come as fragments keyed by their
// index, so they are assembled and printed once the stream has ended.
class StreamPrinter {
 public:
  explicit StreamPrinter(bool json) : json_(json) {}

  void OnChunk(const v1::ChatCompletionChunk& chunk) {
    if (chunk.has_usage()) usage_ = chunk.usage();
    if (chunk.has_estimated_cost_usd()) cost_ = chunk.estimated_cost_usd();
    if (json_) {
      PrintJson(chunk);
      return;
    }
    for (const v1::ChunkChoice& choice : chunk.choices()) {
      if (choice.delta().has_content()) PrintDelta(choice.delta().content());
      // A refusal streams like content: it is the text of the answer.
      if (choice.delta().has_refusal()) PrintDelta(choice.delta().refusal());
      for (const v1::ToolCallDelta& delta : choice.delta().tool_calls()) {
        AddToolCallFragment(delta);
      }
    }
  }

  // Ends the content line, then prints tool calls and usage.
  void Finish() {
    if (printed_content_) PrintRaw("\n");
    for (const auto& [index, call] : tool_calls_) {
      PrintToolCall(call.name, call.arguments);
    }
    PrintUsage(usage_.has_value() ? &*usage_ : nullptr, cost_);
  }

 private:
  struct ToolCall {
    std::string name;
    std::string arguments;
  };

  void PrintDelta(const std::string& text) {
    printed_content_ = true;
    PrintRaw(text);
  }

  void AddToolCallFragment(const v1::ToolCallDelta& delta) {
    ToolCall& call = tool_calls_[delta.index()];
    call.name += delta.function().name();
    call.arguments += delta.function().arguments();
  }

  const bool json_;
  bool printed_content_ = false;
  std::map<int, ToolCall> tool_calls_;
  std::optional<v1::Usage> usage_;
  std::optional<double> cost_;
};

int RunStream(LlmClient& client, const v1::ChatCompletionRequest& request,
              bool json) {
  StreamPrinter printer(json);
  absl::Status status = client.ChatStream(
      request, [&printer](const v1::ChatCompletionChunk& chunk) {
        printer.OnChunk(chunk);
      });
  printer.Finish();
  if (!status.ok()) return ReportRpcError(status);
  return kExitOk;
}

}  // namespace

v1::ChatCompletionRequest ChatRequestFor(const CliOptions& cli) {
  v1::ChatCompletionRequest request;
  request.set_model(cli.model);
  if (cli.system.has_value()) {
    *request.add_messages() = TextMessage("system", *cli.system);
  }
  *request.add_messages() = TextMessage("user", cli.prompt);
  if (cli.temperature.has_value()) request.set_temperature(*cli.temperature);
  if (cli.max_tokens.has_value()) request.set_max_tokens(*cli.max_tokens);
  return request;
}

int RunChat(LlmClient& client, const CliOptions& cli) {
  v1::ChatCompletionRequest request = ChatRequestFor(cli);
  return cli.stream ? RunStream(client, request, cli.json)
                    : RunUnary(client, request, cli.json);
}

}  // namespace literllm
