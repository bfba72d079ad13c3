#ifndef LITERLLM_SERVICE_HTTP_ANTHROPIC_TOKEN_COUNT_H_
#define LITERLLM_SERVICE_HTTP_ANTHROPIC_TOKEN_COUNT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/transport.h"
#include "service/call/call_context.h"
#include "service/call/call_services.h"
#include "service/call/upstream_transfer.h"
#include "service/http/http_exchange.h"
#include "service/routing/router.h"
#include "service/telemetry/secret_redactor.h"

namespace literllm {

// One POST /v1/messages/count_tokens: {"input_tokens": N}. Admitted like a
// model listing (the caller's key is checked, and it must be allowed the
// model), then counted by the model's provider when it can count
// (Anthropic's count_tokens, Gemini's countTokens; the first target of an
// alias), else estimated without a network call and marked with the
// response header `x-literllm-estimate: true`. Errors in Anthropic's shape.
// Keeps itself alive until it answered.
class AnthropicTokenCount final
    : public HttpResponseHandler,
      public std::enable_shared_from_this<AnthropicTokenCount> {
 public:
  static void Start(const CallServices& services,
                    const SecretRedactor& redactor, CallContext context,
                    v1::ChatCompletionRequest request,
                    std::shared_ptr<HttpResponder> responder);

  AnthropicTokenCount(const CallServices& services,
                      const SecretRedactor& redactor, CallContext context,
                      v1::ChatCompletionRequest request,
                      std::shared_ptr<HttpResponder> responder);

 private:
  static constexpr size_t kMaxBodyBytes = 1 << 20;

  void Admitted(const absl::Status& status);
  void Ask(const CallTarget& target, const TokenCountCodec& codec);
  void Answer(int64_t tokens, bool estimate);
  void Fail(const absl::Status& status);

  // Transport thread.
  void OnHead(const HttpResponseHead& head) override { head_ = head; }
  BodyAction OnBody(absl::string_view bytes) override;
  void OnComplete(absl::Status status) override;

  const CallServices& services_;
  const SecretRedactor& redactor_;
  CallContext context_;
  const v1::ChatCompletionRequest request_;
  const std::shared_ptr<HttpResponder> responder_;
  UpstreamTransfer transfer_;
  const Provider* provider_ = nullptr;
  const TokenCountCodec* codec_ = nullptr;
  HttpResponseHead head_;
  std::string body_;
  std::shared_ptr<AnthropicTokenCount> self_;  // until answered
};

// The estimate for providers that cannot count: a quarter of the characters
// of every text the model reads (system, messages, tool calls and results,
// tool definitions), rounded up, plus 1,600 per image or document (the most
// one image costs on Anthropic).
int64_t EstimateInputTokens(const v1::ChatCompletionRequest& request);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_ANTHROPIC_TOKEN_COUNT_H_
