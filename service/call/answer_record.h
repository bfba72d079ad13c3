#ifndef LITERLLM_SERVICE_CALL_ANSWER_RECORD_H_
#define LITERLLM_SERVICE_CALL_ANSWER_RECORD_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "service/call/call_outcome.h"

namespace literllm {

// What a call's outcome tells about its answer, gathered from the unary
// response or from the chunks as they pass: id, model, finish reasons and,
// when asked (`keep_text`), the text. Used by one thread at a time, like the
// call's steps.
class AnswerRecord {
 public:
  void Note(const v1::ChatCompletionResponse& response, bool keep_text);
  void Note(const v1::ChatCompletionChunk& chunk, bool keep_text);
  // Copies what was gathered into `outcome`.
  void Fill(CallOutcome& outcome) const;

 private:
  void Identify(const std::string& id, const std::string& model);

  std::string id_;
  std::string model_;
  std::vector<std::string> finish_reasons_;
  std::string text_;
};

// The host and port of an http(s) URL (the scheme's default port when none
// is given), for the attempt's `server.address` and `server.port`; empty
// and 0 for a URL that is not one.
void ServerOfUrl(absl::string_view url, std::string& host, int& port);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_ANSWER_RECORD_H_
