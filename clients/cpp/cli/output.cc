#include "clients/cpp/cli/output.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/cpp/cli/cli_options.h"

namespace literllm {

int ReportRpcError(const absl::Status& status) {
  absl::FPrintF(stderr, "error: %s: %s\n",
                absl::StatusCodeToString(status.code()), status.message());
  return kExitRpcError;
}

void PrintJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  // Printing a valid message cannot fail; a failure is a protobuf bug.
  auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    absl::FPrintF(stderr, "error: INTERNAL: %s\n", status.ToString());
    return;
  }
  PrintRaw(json + "\n");  // flushed: stream chunks show as they arrive
}

void PrintRaw(absl::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

void PrintToolCall(absl::string_view name, absl::string_view arguments) {
  absl::PrintF("tool_call %s(%s)\n", name, arguments);
}

void PrintUsage(const v1::Usage* usage, std::optional<double> cost_usd) {
  if (usage != nullptr) {
    absl::FPrintF(stderr, "tokens: prompt=%d completion=%d total=%d\n",
                  usage->prompt_tokens(), usage->completion_tokens(),
                  usage->total_tokens());
  }
  if (cost_usd.has_value()) {
    absl::FPrintF(stderr, "cost: $%s\n", FormatUsd(*cost_usd));
  }
}

void PrintTable(const std::vector<std::vector<std::string>>& rows,
                absl::Span<const bool> right_aligned) {
  const size_t columns = right_aligned.size();
  std::vector<size_t> widths(columns, 0);
  for (const std::vector<std::string>& row : rows) {
    for (size_t i = 0; i < columns; ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  std::string text;
  for (const std::vector<std::string>& row : rows) {
    for (size_t i = 0; i < columns; ++i) {
      if (i > 0) text += "  ";
      std::string pad(widths[i] - row[i].size(), ' ');
      absl::StrAppend(&text, right_aligned[i] ? pad : "", row[i],
                      right_aligned[i] || i + 1 == columns ? "" : pad);
    }
    text += '\n';
  }
  PrintRaw(text);
}

std::string FormatUsd(double usd) {
  std::string text = absl::StrFormat("%.8f", usd);
  size_t point = text.find('.');
  size_t end = text.find_last_not_of('0') + 1;
  text.resize(std::max(end, point + 3));
  return text;
}

}  // namespace literllm
