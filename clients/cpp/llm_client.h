#ifndef LITERLLM_CLIENTS_CPP_LLM_CLIENT_H_
#define LITERLLM_CLIENTS_CPP_LLM_CLIENT_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "literllm/v1/llm_service.grpc.pb.h"

namespace literllm {

struct LlmClientOptions {
  static constexpr char kDefaultTarget[] = "localhost:50051";

  // gRPC target: "host:port", "dns:///host:port", "unix:/path", ...
  std::string target = kDefaultTarget;
  // Sent as `authorization: Bearer <api_key>` on every call when not empty.
  std::string api_key;
  // TLS with the system's root certificates instead of plaintext.
  bool tls = false;
  // For calls that pass no deadline of their own; absl::InfiniteDuration()
  // sends none.
  absl::Duration default_deadline = absl::Minutes(5);
  // Retry UNAVAILABLE calls (up to 4 attempts) through the channel's service
  // config.
  bool retry_unavailable = true;

  // The defaults, with `target` taken from LITERLLM_TARGET and `api_key` from
  // LITERLLM_API_KEY when those are set and not empty.
  static LlmClientOptions FromEnvironment();
};

// A blocking client for literllm.v1.LlmService.
//
// Thread-safe: one LlmClient (and its channel) is meant to be shared by every
// thread of a process. Each call blocks its caller until the RPC ends.
class LlmClient {
 public:
  // Opens a channel to `options.target` (plaintext or TLS).
  explicit LlmClient(LlmClientOptions options);
  // Uses an existing channel; `options.target` and `options.tls` are ignored.
  explicit LlmClient(std::shared_ptr<grpc::Channel> channel,
                     LlmClientOptions options = {});

  // One chat completion. `deadline` (from now) overrides the default one.
  absl::StatusOr<v1::ChatCompletionResponse> Chat(
      const v1::ChatCompletionRequest& request,
      std::optional<absl::Duration> deadline = {});

  // Streams a chat completion, calling `on_chunk` on this thread for each
  // chunk in arrival order. Returns the status the stream ended with; chunks
  // delivered before an error are not taken back.
  absl::Status ChatStream(
      const v1::ChatCompletionRequest& request,
      const std::function<void(const v1::ChatCompletionChunk&)>& on_chunk,
      std::optional<absl::Duration> deadline = {});

  // Models of every configured provider, or of `provider` only. Providers
  // that failed to list are reported in the response's `errors`, not here.
  absl::StatusOr<v1::ListModelsResponse> ListModels(
      std::optional<std::string> provider = {});

 private:
  LlmClientOptions options_;
  std::unique_ptr<v1::LlmService::Stub> stub_;
};

// A channel to `options.target`, plaintext or TLS as `options.tls` says; with
// `options.retry_unavailable`, LlmService calls retry on UNAVAILABLE. For
// stubs of the gateway's other services (e.g. literllm.v1.AdminService).
std::shared_ptr<grpc::Channel> OpenChannel(const LlmClientOptions& options);

// Adds `authorization: Bearer <options.api_key>` (when set) and the deadline
// (`deadline` from now, else `options.default_deadline`) to `context`, as
// every LlmClient call does.
void PrepareContext(const LlmClientOptions& options,
                    std::optional<absl::Duration> deadline,
                    grpc::ClientContext& context);

// The gRPC status as an absl::Status with the same code and message (the two
// code enums share their values).
absl::Status FromGrpcStatus(const grpc::Status& status);

// A message with plain text content, e.g. TextMessage("system", "Be brief.").
v1::Message TextMessage(std::string role, std::string content);

// A request for `model` holding a single user message.
v1::ChatCompletionRequest UserRequest(std::string model, std::string prompt);

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_LLM_CLIENT_H_
