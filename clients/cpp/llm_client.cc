#include "clients/cpp/llm_client.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/sync_stream.h>

#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

// The value of environment variable `name`, or nullopt when unset or empty.
std::optional<std::string> NonEmptyEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

// Retries calls the server could not take (UNAVAILABLE: a restarting pod, a
// dropped connection) a few times with backoff; gRPC replays a call only
// before any response arrived, so nothing is answered twice.
constexpr char kRetryServiceConfig[] = R"({
  "methodConfig": [{
    "name": [{"service": "literllm.v1.LlmService"}],
    "retryPolicy": {
      "maxAttempts": 4,
      "initialBackoff": "0.2s",
      "maxBackoff": "5s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})";

}  // namespace

std::shared_ptr<grpc::Channel> OpenChannel(const LlmClientOptions& options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials =
      options.tls ? grpc::SslCredentials(grpc::SslCredentialsOptions())
                  : grpc::InsecureChannelCredentials();
  grpc::ChannelArguments arguments;
  if (options.retry_unavailable) {
    arguments.SetServiceConfigJSON(kRetryServiceConfig);
  }
  return grpc::CreateCustomChannel(options.target, credentials, arguments);
}

void PrepareContext(const LlmClientOptions& options,
                    std::optional<absl::Duration> deadline,
                    grpc::ClientContext& context) {
  if (!options.api_key.empty()) {
    context.AddMetadata("authorization",
                        absl::StrCat("Bearer ", options.api_key));
  }
  absl::Duration timeout = deadline.value_or(options.default_deadline);
  if (timeout != absl::InfiniteDuration()) {
    context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  }
}

LlmClientOptions LlmClientOptions::FromEnvironment() {
  LlmClientOptions options;
  if (auto target = NonEmptyEnv("LITERLLM_TARGET")) options.target = *target;
  if (auto key = NonEmptyEnv("LITERLLM_API_KEY")) options.api_key = *key;
  return options;
}

// Copies `options`: argument evaluation order is unspecified, so a move could
// empty it before OpenChannel reads it.
LlmClient::LlmClient(LlmClientOptions options)
    : LlmClient(OpenChannel(options), options) {}

LlmClient::LlmClient(std::shared_ptr<grpc::Channel> channel,
                     LlmClientOptions options)
    : options_(std::move(options)),
      stub_(v1::LlmService::NewStub(std::move(channel))) {}

absl::StatusOr<v1::ChatCompletionResponse> LlmClient::Chat(
    const v1::ChatCompletionRequest& request,
    std::optional<absl::Duration> deadline) {
  grpc::ClientContext context;
  PrepareContext(options_, deadline, context);
  v1::ChatCompletionResponse response;
  absl::Status status =
      FromGrpcStatus(stub_->Chat(&context, request, &response));
  if (!status.ok()) return status;
  return response;
}

absl::Status LlmClient::ChatStream(
    const v1::ChatCompletionRequest& request,
    const std::function<void(const v1::ChatCompletionChunk&)>& on_chunk,
    std::optional<absl::Duration> deadline) {
  grpc::ClientContext context;
  PrepareContext(options_, deadline, context);
  std::unique_ptr<grpc::ClientReader<v1::ChatCompletionChunk>> reader =
      stub_->ChatStream(&context, request);
  v1::ChatCompletionChunk chunk;
  while (reader->Read(&chunk)) on_chunk(chunk);
  return FromGrpcStatus(reader->Finish());
}

absl::StatusOr<v1::ListModelsResponse> LlmClient::ListModels(
    std::optional<std::string> provider) {
  grpc::ClientContext context;
  PrepareContext(options_, std::nullopt, context);
  v1::ListModelsRequest request;
  if (provider.has_value()) request.set_provider(*std::move(provider));
  v1::ListModelsResponse response;
  absl::Status status =
      FromGrpcStatus(stub_->ListModels(&context, request, &response));
  if (!status.ok()) return status;
  return response;
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

v1::Message TextMessage(std::string role, std::string content) {
  v1::Message message;
  message.set_role(std::move(role));
  message.set_content(std::move(content));
  return message;
}

v1::ChatCompletionRequest UserRequest(std::string model, std::string prompt) {
  v1::ChatCompletionRequest request;
  request.set_model(std::move(model));
  *request.add_messages() = TextMessage("user", std::move(prompt));
  return request;
}

}  // namespace literllm
