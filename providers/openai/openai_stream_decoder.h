#ifndef LITERLLM_PROVIDERS_OPENAI_OPENAI_STREAM_DECODER_H_
#define LITERLLM_PROVIDERS_OPENAI_OPENAI_STREAM_DECODER_H_

#include <vector>

#include "absl/status/status.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/sse_parser.h"
#include "providers/provider.h"

namespace literllm {

// Decodes a Chat Completions SSE stream: every data event is a
// `chat.completion.chunk` JSON, an in-band `{"error":{...}}`, or the final
// `[DONE]`. Lenient where OpenAI-compatible servers differ: `choices` may be
// [], null or absent (the usage chunk), `usage` may be null. Events that carry
// nothing (empty data, no choices and no usage) produce no chunk.
class OpenAiStreamDecoder : public StreamDecoder {
 public:
  // `config` names the provider in chunks and errors.
  explicit OpenAiStreamDecoder(ProviderConfig config);

  // INTERNAL for an event that is not a chunk; the in-band error's own
  // status (see OpenAiStreamError) for an error event.
  absl::Status Decode(const SseEvent& event,
                      std::vector<v1::ChatCompletionChunk>& out) override;
  // UNAVAILABLE unless `[DONE]` was seen: the stream was cut.
  absl::Status Finish() override;

 private:
  ProviderConfig config_;
  bool done_ = false;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_OPENAI_OPENAI_STREAM_DECODER_H_
