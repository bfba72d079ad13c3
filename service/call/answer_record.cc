#include "service/call/answer_record.h"

#include "absl/strings/strip.h"
#include "providers/http/url_parts.h"

namespace literllm {

void AnswerRecord::Identify(const std::string& id, const std::string& model) {
  if (id_.empty()) id_ = id;
  if (model_.empty()) model_ = model;
}

void AnswerRecord::Note(const v1::ChatCompletionResponse& response,
                        bool keep_text) {
  Identify(response.id(), response.model());
  for (const v1::Choice& choice : response.choices()) {
    if (!choice.finish_reason().empty()) {
      finish_reasons_.push_back(choice.finish_reason());
    }
  }
  if (keep_text && response.choices_size() > 0) {
    text_ = response.choices(0).message().content();
  }
}

void AnswerRecord::Note(const v1::ChatCompletionChunk& chunk, bool keep_text) {
  Identify(chunk.id(), chunk.model());
  for (const v1::ChunkChoice& choice : chunk.choices()) {
    if (choice.has_finish_reason() && !choice.finish_reason().empty()) {
      finish_reasons_.push_back(choice.finish_reason());
    }
    if (keep_text && choice.index() == 0) {
      text_.append(choice.delta().content());
    }
  }
}

void AnswerRecord::Fill(CallOutcome& outcome) const {
  outcome.response_id = id_;
  outcome.response_model = model_;
  outcome.finish_reasons = finish_reasons_;
  outcome.completion_text = text_;
}

void ServerOfUrl(absl::string_view url, std::string& host, int& port) {
  std::optional<UrlParts> parts = SplitUrl(url);
  if (!parts.has_value()) {
    host.clear();
    port = 0;
    return;
  }
  // server.address is the bare name: an IPv6 literal loses its brackets.
  host =
      std::string(absl::StripPrefix(absl::StripSuffix(parts->host, "]"), "["));
  port = parts->PortNumber();
}

}  // namespace literllm
