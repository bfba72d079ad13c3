#ifndef LITERLLM_SERVICE_HTTP_OPENAI_ANSWER_FORMAT_H_
#define LITERLLM_SERVICE_HTTP_OPENAI_ANSWER_FORMAT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "service/http/http_chat_exchange.h"

namespace literllm {

// OpenAI's wire format for a chat call's answer (POST /v1/chat/completions): a
// `chat.completion`, or `data:` events of `chat.completion.chunk`s ending with
// `[DONE]`; the usage chunk only with stream_options.include_usage. Errors are
// OpenAI's
// {"error":{...}} (openai_errors.h); mid-stream, an error event and no
// `[DONE]`.
class OpenAiAnswerFormat final : public ChatAnswerFormat {
 public:
  explicit OpenAiAnswerFormat(bool include_usage)
      : include_usage_(include_usage) {}

  std::string Response(const v1::ChatCompletionResponse& response) override;
  std::string Chunk(const v1::ChatCompletionChunk& chunk) override;
  std::string StreamEnd() override;
  HttpErrorAnswer Error(const absl::Status& status,
                        absl::string_view message) override;
  std::string StreamError(const absl::Status& status,
                          absl::string_view message) override;

 private:
  const bool include_usage_;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_OPENAI_ANSWER_FORMAT_H_
