#ifndef LITERLLM_PROVIDERS_OPENAI_OPENAI_STREAM_DECODER_H_
#define LITERLLM_PROVIDERS_OPENAI_OPENAI_STREAM_DECODER_H_

#include <cstdint>
#include <map>
#include <vector>

#include "absl/status/status.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/sse_parser.h"
#include "providers/openai/openai_dialect.h"
#include "providers/provider.h"

namespace literllm {

// Decodes a Chat Completions SSE stream: every data event is a
// `chat.completion.chunk` JSON, an in-band `{"error":{...}}`, or the final
// `[DONE]`. Lenient where OpenAI-compatible servers differ: `choices` may be
// [], null or absent, `usage` may be null, Azure's first chunk carries only
// filter results, a role repeated on every delta (Ollama, OpenRouter) is kept
// on each choice's first only. Servers report usage in different places (a
// final chunk, every chunk as Perplexity does, the second-to-last as xAI
// does, Groq's x_groq): the last usage seen is sent once, in a final chunk
// with no choices, when the stream ends (`[DONE]`, or for a dialect without
// it the first usage once every choice has finished). Events that carry no
// choices produce no chunk of their own.
class OpenAiStreamDecoder : public StreamDecoder {
 public:
  // `config` names the provider in chunks and errors; `dialect` says how
  // its streams end.
  explicit OpenAiStreamDecoder(ProviderConfig config,
                               const OpenAiDialect& dialect = {});

  // INTERNAL for an event that is not a chunk; the in-band error's own
  // status (see OpenAiStreamError) for an error event.
  absl::Status Decode(const StreamEvent& event,
                      std::vector<v1::ChatCompletionChunk>& out) override;
  // UNAVAILABLE unless the stream is complete (`[DONE]`, or without it
  // every choice finished): it was cut.
  absl::Status Finish() override;

 private:
  // What one choice, by its index, has said so far.
  struct ChoiceState {
    bool role_sent = false;
    bool finished = false;
  };

  // Remembers the chunk envelope for the final usage chunk.
  void KeepEnvelope(const v1::ChatCompletionChunk& chunk);
  // Clears roles repeated after a choice's first delta; notes finishes.
  void TrackChoices(v1::ChatCompletionChunk& chunk);
  // Whether choices came and every one has finished.
  bool AllChoicesFinished() const;
  // The stream is complete: sends the usage, if any came.
  void End(std::vector<v1::ChatCompletionChunk>& out);

  ProviderConfig config_;
  const bool done_marker_;
  bool done_ = false;
  std::map<int32_t, ChoiceState> choices_;
  v1::ChatCompletionChunk usage_chunk_;  // has_usage() once usage was seen
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_OPENAI_OPENAI_STREAM_DECODER_H_
