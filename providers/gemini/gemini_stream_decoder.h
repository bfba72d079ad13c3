#ifndef LITERLLM_PROVIDERS_GEMINI_GEMINI_STREAM_DECODER_H_
#define LITERLLM_PROVIDERS_GEMINI_GEMINI_STREAM_DECODER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/gemini/gemini_candidate.h"
#include "providers/http/sse_parser.h"
#include "providers/provider.h"

namespace literllm {

// Decodes streamGenerateContent?alt=sse: every data event is a whole
// GenerateContentResponse (or an in-band {"error":{...}}), and text parts
// are increments. Each event becomes at most one chunk holding a choice per
// candidate that said something: role "assistant" first, text → content,
// thought parts → reasoning_content, each functionCall → one complete
// tool-call delta (id, name, full arguments; indices counted per choice),
// finishReason → finish_reason (tool_calls when that choice called
// functions and Gemini said STOP).
// Gemini's usageMetadata is cumulative, so the latest wins: once every
// choice has finished, a chunk with no choices carries it (again, should a
// later event change it). Gemini sends no [DONE]: the stream is complete when
// every choice has a finishReason.
class GeminiStreamDecoder : public StreamDecoder {
 public:
  // `config` names the provider in chunks and errors; every chunk carries
  // `created`, as Gemini sends no time.
  GeminiStreamDecoder(ProviderConfig config, int64_t created);

  // INTERNAL for an event that is not understood; GeminiStreamError's status
  // for an error event; INVALID_ARGUMENT for a blocked prompt.
  absl::Status Decode(const StreamEvent& event,
                      std::vector<v1::ChatCompletionChunk>& out) override;
  // UNAVAILABLE unless every choice got a finishReason: the stream was cut.
  absl::Status Finish() override;

 private:
  struct ChoiceState {
    int32_t next_tool_index = 0;
    bool called = false;
    bool finished = false;
  };

  absl::Status ReadEvent(simdjson::dom::element root,
                         std::vector<v1::ChatCompletionChunk>& out);
  void AddChoice(const GeminiCandidate& candidate,
                 v1::ChatCompletionChunk& chunk);
  void AddUsageChunk(std::vector<v1::ChatCompletionChunk>& out);
  bool Complete() const;
  v1::ChatCompletionChunk NewChunk() const;

  const ProviderConfig config_;
  const int64_t created_;
  std::string id_;
  std::string model_;
  std::map<int32_t, ChoiceState> choices_;  // by candidate index
  std::optional<v1::Usage> usage_;          // the latest Gemini sent
  std::optional<v1::Usage> usage_sent_;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_GEMINI_GEMINI_STREAM_DECODER_H_
