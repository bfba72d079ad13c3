#include "service/call/answer_record.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"

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
  port = absl::StartsWithIgnoreCase(url, "https:") ? 443 : 80;
  size_t scheme = url.find("://");
  if (scheme != absl::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  size_t at = url.rfind('@');  // credentials never become an address
  if (at != absl::string_view::npos) url.remove_prefix(at + 1);
  absl::string_view port_text;
  if (absl::StartsWith(url, "[")) {  // [v6]:port
    size_t close = url.find(']');
    if (close != absl::string_view::npos) {
      if (close + 1 < url.size() && url[close + 1] == ':') {
        port_text = url.substr(close + 2);
      }
      url = url.substr(1, close - 1);
    }
  } else if (size_t colon = url.rfind(':'); colon != absl::string_view::npos) {
    port_text = url.substr(colon + 1);
    url = url.substr(0, colon);
  }
  int parsed = 0;
  if (!port_text.empty() && absl::SimpleAtoi(port_text, &parsed)) {
    port = parsed;
  }
  host = std::string(url);
}

}  // namespace literllm
