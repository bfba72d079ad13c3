#ifndef LITERLLM_PROVIDERS_PROVIDER_H_
#define LITERLLM_PROVIDERS_PROVIDER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/chat_codec.h"
#include "providers/embeddings_codec.h"
#include "providers/http/http_request.h"
#include "providers/model_list_codec.h"
#include "providers/token_count_codec.h"

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

// A provider: where it is (its config), how it reports failures, and what it
// can do. Each capability is a codec, present or not (null): a provider
// without model listing, or without embeddings, simply has none. Providers
// do no I/O, so every translation is testable with golden files.
// Implementations are immutable after construction and thread-safe.
class Provider {
 public:
  virtual ~Provider() = default;

  virtual const ProviderConfig& config() const = 0;

  virtual const ChatCodec* chat() const = 0;
  virtual const ModelListCodec* model_list() const { return nullptr; }
  virtual const EmbeddingsCodec* embeddings() const { return nullptr; }
  virtual const TokenCountCodec* token_count() const { return nullptr; }

  // Turns a non-2xx answer into a typed provider failure that names the
  // provider and relays its message (providers/http/provider_failure.h).
  virtual absl::Status ParseError(const HttpResponseHead& head,
                                  absl::string_view body) const = 0;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_PROVIDER_H_
