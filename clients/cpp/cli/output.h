#ifndef LITERLLM_CLIENTS_CPP_CLI_OUTPUT_H_
#define LITERLLM_CLIENTS_CPP_CLI_OUTPUT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "google/protobuf/message.h"
#include "literllm/v1/llm_service.pb.h"

// What `literllm` prints: answers to stdout, token usage and errors to stderr,
// so that `literllm chat ... > answer.txt` keeps only the answer.
namespace literllm {

// Prints "error: <CODE_NAME>: <message>" to stderr; returns kExitRpcError.
int ReportRpcError(const absl::Status& status);

// Prints `message` as one line of proto3 JSON with the proto field names.
void PrintJson(const google::protobuf::Message& message);

// Writes `text` to stdout as is and flushes, so streamed deltas show at once.
void PrintRaw(absl::string_view text);

// Prints "tool_call <name>(<arguments>)".
void PrintToolCall(absl::string_view name, absl::string_view arguments);

// Prints "tokens: prompt=N completion=N total=N" and, when known,
// "cost: $X" to stderr.
void PrintUsage(const v1::Usage* usage, std::optional<double> cost_usd);

// Prints `rows` (the first one the header) as columns two spaces apart;
// column i aligns right when `right_aligned[i]`, else left (the last column
// without trailing spaces). Every row has right_aligned.size() cells.
void PrintTable(const std::vector<std::vector<std::string>>& rows,
                absl::Span<const bool> right_aligned);

// "0.00012" for 0.00012: up to 8 decimals, trailing zeros dropped, at least 2.
std::string FormatUsd(double usd);

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_CLI_OUTPUT_H_
