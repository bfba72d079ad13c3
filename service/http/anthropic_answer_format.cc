#include "service/http/anthropic_answer_format.h"

#include "service/http/anthropic_errors.h"
#include "service/http/anthropic_messages_answer.h"

namespace literllm {

std::string AnthropicAnswerFormat::Response(
    const v1::ChatCompletionResponse& response) {
  return AnthropicMessageJson(response);
}

std::string AnthropicAnswerFormat::Chunk(const v1::ChatCompletionChunk& chunk) {
  return stream_.Chunk(chunk);
}

std::string AnthropicAnswerFormat::StreamEnd() { return stream_.End(); }

HttpErrorAnswer AnthropicAnswerFormat::Error(const absl::Status& status,
                                             absl::string_view message) {
  AnthropicError error = AnthropicErrorFor(status);
  HttpErrorAnswer answer{
      error.http_status, AnthropicErrorJson(error.type, message), {}};
  if (error.retry_after) {
    answer.headers.emplace_back("retry-after", *error.retry_after);
  }
  return answer;
}

std::string AnthropicAnswerFormat::StreamError(const absl::Status& status,
                                               absl::string_view message) {
  return AnthropicStreamWriter::ErrorEvent(AnthropicErrorFor(status).type,
                                           message);
}

}  // namespace literllm
