#ifndef LITERLLM_PROVIDERS_PROVIDER_H_
#define LITERLLM_PROVIDERS_PROVIDER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/http_request.h"
#include "providers/http/sse_parser.h"

namespace literllm {

// Where and how to reach one provider. Owned by the provider built from it.
struct ProviderConfig {
  std::string name;      // "openai"
  std::string api_key;   // may be empty for local servers
  std::string base_url;  // without trailing '/'
  // The built-in provider whose protocol it speaks ("azure" for a provider
  // named "azure-eu"); empty for a generic OpenAI-compatible server.
  std::string type;
  // Sent with every request, e.g. OpenRouter's HTTP-Referer and X-Title.
  HttpHeaders headers;
  // Models ListModels reports without asking the provider (e.g. Azure
  // deployments), as the part after "provider/".
  std::vector<std::string> models;
  // Whether ListModels includes this provider; off for a local server that
  // is reachable by default but was never configured.
  bool listed = true;
};

// Turns a provider's stream, event by event, into OpenAI-shaped chunks.
// One decoder per stream; not thread-safe.
class StreamDecoder {
 public:
  virtual ~StreamDecoder() = default;
  // Appends the chunks `event` produces. An error (e.g. an in-band error
  // event) ends the stream with that status.
  virtual absl::Status Decode(const SseEvent& event,
                              std::vector<v1::ChatCompletionChunk>& out) = 0;
  // The body has ended: OK only if the provider's end-of-stream marker came.
  virtual absl::Status Finish() = 0;
};

// A provider is a codec: it builds HTTP requests and parses answers, and does
// no I/O itself, so every translation is testable with golden files.
// Implementations are immutable after construction and thread-safe.
class Provider {
 public:
  virtual ~Provider() = default;

  virtual const ProviderConfig& config() const = 0;

  // `model` is the caller's model string after "provider/", sent unchanged.
  // Streaming requests always ask the provider for usage.
  virtual absl::StatusOr<HttpRequest> BuildChatRequest(
      const v1::ChatCompletionRequest& request, absl::string_view model,
      bool stream) const = 0;

  // Parses a 2xx non-streaming answer; INTERNAL when it is not understood.
  virtual absl::StatusOr<v1::ChatCompletionResponse> ParseChatResponse(
      absl::string_view body) const = 0;

  virtual std::unique_ptr<StreamDecoder> NewStreamDecoder() const = 0;

  // Turns a non-2xx answer into a status that names the provider and relays
  // its message (see providers/http/http_status.h for the code mapping).
  virtual absl::Status ParseError(const HttpResponseHead& head,
                                  absl::string_view body) const = 0;

  // Model listing; providers without one return UNIMPLEMENTED.
  virtual absl::StatusOr<HttpRequest> BuildListModelsRequest() const = 0;
  virtual absl::StatusOr<std::vector<v1::Model>> ParseListModels(
      absl::string_view body) const = 0;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_PROVIDER_H_
