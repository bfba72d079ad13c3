#ifndef LITERLLM_SERVICE_HTTP_ANTHROPIC_ANSWER_FORMAT_H_
#define LITERLLM_SERVICE_HTTP_ANTHROPIC_ANSWER_FORMAT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "service/http/anthropic_stream_writer.h"
#include "service/http/http_chat_exchange.h"

namespace literllm {

// Anthropic's wire format for a chat call's answer (POST /v1/messages): a
// `message` object (anthropic_messages_answer.h), or its named SSE events
// (anthropic_stream_writer.h); errors in Anthropic's shape with the status
// its SDKs expect (anthropic_errors.h), mid-stream an `error` event.
class AnthropicAnswerFormat final : public ChatAnswerFormat {
 public:
  std::string Response(const v1::ChatCompletionResponse& response) override;
  std::string Chunk(const v1::ChatCompletionChunk& chunk) override;
  std::string StreamEnd() override;
  HttpErrorAnswer Error(const absl::Status& status,
                        absl::string_view message) override;
  std::string StreamError(const absl::Status& status,
                          absl::string_view message) override;

 private:
  AnthropicStreamWriter stream_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_ANTHROPIC_ANSWER_FORMAT_H_
