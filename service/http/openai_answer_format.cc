#include "service/http/openai_answer_format.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "service/http/openai_errors.h"
#include "service/http/openai_json.h"

namespace literllm {

std::string OpenAiAnswerFormat::Response(
    const v1::ChatCompletionResponse& response) {
  return OpenAiCompletionJson(response);
}

std::string OpenAiAnswerFormat::Chunk(const v1::ChatCompletionChunk& chunk) {
  // The final usage chunk (no choices) goes out only when asked for.
  if (!include_usage_ && chunk.choices().empty()) return "";
  return absl::StrCat("data: ", OpenAiChunkJson(chunk, include_usage_), "\n\n");
}

std::string OpenAiAnswerFormat::StreamEnd() { return "data: [DONE]\n\n"; }

HttpErrorAnswer OpenAiAnswerFormat::Error(const absl::Status& status,
                                          absl::string_view message) {
  OpenAiError error = OpenAiErrorFor(status);
  HttpErrorAnswer answer{
      error.http_status,
      OpenAiErrorJson(message, error.type, error.param, error.code),
      {}};
  if (error.retry_after) {
    answer.headers.emplace_back("retry-after", *error.retry_after);
  }
  return answer;
}

std::string OpenAiAnswerFormat::StreamError(const absl::Status& status,
                                            absl::string_view message) {
  // An error event in OpenAI's shape, and no [DONE].
  OpenAiError error = OpenAiErrorFor(status);
  return absl::StrCat(
      "data: ", OpenAiErrorJson(message, error.type, error.param, error.code),
      "\n\n");
}

}  // namespace literllm
