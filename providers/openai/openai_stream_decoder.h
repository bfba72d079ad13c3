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
// [], null or absent, `usage` may be null, Azure's first chunk carries only
// filter results. Servers report usage in different places (a final chunk,
// every chunk as Perplexity does, the second-to-last as xAI does, Groq's
// x_groq): the last usage seen is sent once, in a final chunk with no choices
// at `[DONE]`. Events that carry no choices produce no chunk of their own.
class OpenAiStreamDecoder : public StreamDecoder {
 public:
  // `config` names the provider in chunks and errors.
  explicit OpenAiStreamDecoder(ProviderConfig config);

  // INTERNAL for an event that is not a chunk; the in-band error's own
  // status (see OpenAiStreamError) for an error event.
  absl::Status Decode(const StreamEvent& event,
                      std::vector<v1::ChatCompletionChunk>& out) override;
  // UNAVAILABLE unless `[DONE]` was seen: the stream was cut.
  absl::Status Finish() override;

 private:
  // Remembers the chunk envelope for the final usage chunk.
  void KeepEnvelope(const v1::ChatCompletionChunk& chunk);

  ProviderConfig config_;
  bool done_ = false;
  v1::ChatCompletionChunk usage_chunk_;  // has_usage() once usage was seen
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_OPENAI_OPENAI_STREAM_DECODER_H_
