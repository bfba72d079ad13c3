#ifndef LITERLLM_PROVIDERS_CHAT_CODEC_H_
#define LITERLLM_PROVIDERS_CHAT_CODEC_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/http_request.h"
#include "providers/http/stream_framing.h"

namespace literllm {

// Turns a provider's stream, event by event, into OpenAI-shaped chunks. The
// events come from the framing the codec names (SSE, AWS event stream,
// newline-delimited JSON), so a decoder never sees raw bytes. One decoder per
// stream; not thread-safe.
class StreamDecoder {
 public:
  virtual ~StreamDecoder() = default;
  // Appends the chunks `event` produces. An error (e.g. an in-band error
  // event, typed as a provider failure) ends the stream with that status.
  virtual absl::Status Decode(const StreamEvent& event,
                              std::vector<v1::ChatCompletionChunk>& out) = 0;
  // The body has ended: OK only if the stream is complete (the provider's
  // end-of-stream marker, or whatever marks a complete stream for it).
  virtual absl::Status Finish() = 0;
};

// Chat completions: builds the provider's request and reads its answer, whole
// or streamed. Pure translation, no I/O; immutable and thread-safe.
class ChatCodec {
 public:
  virtual ~ChatCodec() = default;

  // `model` is the caller's model string after "provider/", sent unchanged.
  // Streaming requests always ask the provider for usage.
  virtual absl::StatusOr<HttpRequest> BuildChatRequest(
      const v1::ChatCompletionRequest& request, absl::string_view model,
      bool stream) const = 0;

  // Parses a 2xx non-streaming answer; a malformed-answer failure when it is
  // not understood.
  virtual absl::StatusOr<v1::ChatCompletionResponse> ParseChatResponse(
      absl::string_view body) const = 0;

  virtual StreamFraming stream_framing() const { return StreamFraming::kSse; }
  virtual std::unique_ptr<StreamDecoder> NewStreamDecoder() const = 0;

  // Adds to a built `request` the caller's headers (gRPC metadata or HTTP
  // headers, by lower-case name) this provider relays, e.g. Anthropic's
  // anthropic-beta for its SDKs' callers. Most relay none.
  virtual void AddCallerHeaders(
      const absl::flat_hash_map<std::string, std::string>& metadata,
      HttpRequest& request) const {}
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_CHAT_CODEC_H_
