#include "providers/anthropic/anthropic_messages.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "providers/anthropic/anthropic_content.h"

namespace literllm {
namespace {

using Messages = google::protobuf::RepeatedPtrField<v1::Message>;

// Indices into the request's messages that share one Anthropic turn.
struct Turn {
  bool assistant;
  std::vector<int> messages;
};

bool IsSystem(const v1::Message& m) {
  return m.role() == "system" || m.role() == "developer";
}

std::string Field(int index) { return absl::StrCat("messages[", index, "]"); }

// Whether `m` adds any block to its turn.
bool Contributes(const v1::Message& m) {
  if (m.role() == "tool") return true;
  if (m.role() == "assistant") {
    return HasMessageBlocks(m) || m.tool_calls_size() > 0 ||
           absl::c_any_of(m.thinking_blocks(), IsSendable);
  }
  return HasMessageBlocks(m);
}

int LeadingSystemCount(const Messages& messages) {
  int count = 0;
  while (count < messages.size() && IsSystem(messages[count])) ++count;
  return count;
}

std::vector<Turn> GroupTurns(const Messages& messages, int first) {
  std::vector<Turn> turns;
  for (int i = first; i < messages.size(); ++i) {
    if (!Contributes(messages[i])) continue;
    bool assistant = messages[i].role() == "assistant";
    if (turns.empty() || turns.back().assistant != assistant) {
      turns.push_back({assistant, {}});
    }
    turns.back().messages.push_back(i);
  }
  return turns;
}

absl::Status WriteSystem(const Messages& messages, int count, JsonWriter& w) {
  if (!std::any_of(messages.begin(), messages.begin() + count,
                   HasMessageBlocks)) {
    return absl::OkStatus();
  }
  WriteKey("system", w);
  w.StartArray();
  for (int i = 0; i < count; ++i) {
    absl::Status status = WriteMessageBlocks(messages[i], Field(i), false, w);
    if (!status.ok()) return status;
  }
  w.EndArray();
  return absl::OkStatus();
}

// A system message after the conversation started, kept in place.
absl::Status WriteSystemReminder(const v1::Message& m, absl::string_view field,
                                 JsonWriter& w) {
  std::string text = m.content();
  for (int i = 0; i < m.content_parts_size(); ++i) {
    const v1::ContentPart& part = m.content_parts(i);
    if (part.type() != "text") {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".content_parts[", i,
                       "]: anthropic accepts only text in system messages"));
    }
    if (part.text().empty()) continue;
    absl::StrAppend(&text, text.empty() ? "" : "\n", part.text());
  }
  WriteTextBlock(
      absl::StrCat("<system-reminder>\n", text, "\n</system-reminder>"), w);
  return absl::OkStatus();
}

absl::Status WriteUserBlocks(const Messages& messages, const Turn& turn,
                             JsonWriter& w) {
  for (int i : turn.messages) {
    if (messages[i].role() != "tool") continue;
    absl::Status status = WriteToolResultBlock(messages[i], Field(i), w);
    if (!status.ok()) return status;
  }
  for (int i : turn.messages) {
    const v1::Message& m = messages[i];
    if (m.role() == "tool") continue;
    absl::Status status = IsSystem(m)
                              ? WriteSystemReminder(m, Field(i), w)
                              : WriteMessageBlocks(m, Field(i), true, w);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status WriteAssistantBlocks(const v1::Message& m, absl::string_view field,
                                  JsonWriter& w) {
  for (int k = 0; k < m.thinking_blocks_size(); ++k) {
    absl::Status status =
        WriteThinkingBlock(m.thinking_blocks(k),
                           absl::StrCat(field, ".thinking_blocks[", k, "]"), w);
    if (!status.ok()) return status;
  }
  absl::Status status = WriteMessageBlocks(m, field, false, w);
  if (!status.ok()) return status;
  for (int j = 0; j < m.tool_calls_size(); ++j) {
    status = WriteToolUseBlock(m.tool_calls(j),
                               absl::StrCat(field, ".tool_calls[", j, "]"), w);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status WriteTurn(const Messages& messages, const Turn& turn,
                       JsonWriter& w) {
  w.StartObject();
  WriteStringMember("role", turn.assistant ? "assistant" : "user", w);
  WriteKey("content", w);
  w.StartArray();
  absl::Status status;
  if (turn.assistant) {
    for (int i : turn.messages) {
      status = WriteAssistantBlocks(messages[i], Field(i), w);
      if (!status.ok()) break;
    }
  } else {
    status = WriteUserBlocks(messages, turn, w);
  }
  w.EndArray();
  w.EndObject();
  return status;
}

}  // namespace

absl::Status WriteAnthropicConversation(
    const v1::ChatCompletionRequest& request, JsonWriter& w) {
  const Messages& messages = request.messages();
  int system_count = LeadingSystemCount(messages);
  std::vector<Turn> turns = GroupTurns(messages, system_count);
  if (turns.empty()) {
    return absl::InvalidArgumentError(
        "messages: anthropic needs at least one user, assistant or tool "
        "message with content");
  }
  absl::Status status = WriteSystem(messages, system_count, w);
  if (!status.ok()) return status;
  WriteKey("messages", w);
  w.StartArray();
  for (const Turn& turn : turns) {
    status = WriteTurn(messages, turn, w);
    if (!status.ok()) return status;
  }
  w.EndArray();
  return absl::OkStatus();
}

}  // namespace literllm
