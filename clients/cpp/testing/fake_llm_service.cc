#include "clients/cpp/testing/fake_llm_service.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

// The canned `reply`: copied into `response`, or its error.
template <typename Response>
grpc::Status Answer(const absl::StatusOr<Response>& reply, Response& response) {
  if (!reply.ok()) return ToGrpcStatus(reply.status());
  response = *reply;
  return grpc::Status::OK;
}

std::optional<absl::Duration> DeadlineRemaining(
    const grpc::ServerContext& context) {
  auto deadline = context.deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) {
    return std::nullopt;
  }
  return absl::FromChrono(deadline) - absl::Now();
}

}  // namespace

::testing::AssertionResult DeadlineNear(std::optional<absl::Duration> remaining,
                                        absl::Duration expected) {
  if (!remaining.has_value()) {
    return ::testing::AssertionFailure() << "the call had no deadline";
  }
  // gRPC rounds the grpc-timeout header up (to 100 ms here), so the server
  // may see a little more time than the client asked for.
  if (*remaining > expected / 2 && *remaining <= expected + absl::Seconds(1)) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "the server had " << *remaining
                                       << " left, expected about " << expected;
}

void FakeLlmService::SetChatReply(
    absl::StatusOr<v1::ChatCompletionResponse> reply) {
  absl::MutexLock lock(&mu_);
  chat_reply_ = std::move(reply);
}

void FakeLlmService::SetStreamReply(std::vector<v1::ChatCompletionChunk> chunks,
                                    absl::Status status) {
  absl::MutexLock lock(&mu_);
  stream_chunks_ = std::move(chunks);
  stream_status_ = std::move(status);
}

void FakeLlmService::SetModelsReply(
    absl::StatusOr<v1::ListModelsResponse> reply) {
  absl::MutexLock lock(&mu_);
  models_reply_ = std::move(reply);
}

ObservedCall FakeLlmService::last_call() const {
  absl::MutexLock lock(&mu_);
  return last_call_;
}

void FakeLlmService::Observe(const grpc::ServerContext& context) {
  last_call_ = ObservedCall();
  const auto& metadata = context.client_metadata();
  if (auto it = metadata.find("authorization"); it != metadata.end()) {
    last_call_.authorization.assign(it->second.data(), it->second.size());
  }
  last_call_.deadline_remaining = DeadlineRemaining(context);
}

grpc::Status FakeLlmService::Chat(grpc::ServerContext* context,
                                  const v1::ChatCompletionRequest* request,
                                  v1::ChatCompletionResponse* response) {
  absl::MutexLock lock(&mu_);
  Observe(*context);
  last_call_.chat_request = *request;
  ++chat_calls_;
  if (failures_left_ > 0) {
    --failures_left_;
    return Answer(absl::StatusOr<v1::ChatCompletionResponse>(failure_),
                  *response);
  }
  return Answer(chat_reply_, *response);
}

void FakeLlmService::FailNextChats(int count, absl::Status status) {
  absl::MutexLock lock(&mu_);
  failures_left_ = count;
  failure_ = std::move(status);
}

int FakeLlmService::chat_calls() const {
  absl::MutexLock lock(&mu_);
  return chat_calls_;
}

grpc::Status FakeLlmService::ChatStream(
    grpc::ServerContext* context, const v1::ChatCompletionRequest* request,
    grpc::ServerWriter<v1::ChatCompletionChunk>* writer) {
  std::vector<v1::ChatCompletionChunk> chunks;
  absl::Status status;
  {
    // Copied out so that no lock is held while Write blocks on the client.
    absl::MutexLock lock(&mu_);
    Observe(*context);
    last_call_.chat_request = *request;
    chunks = stream_chunks_;
    status = stream_status_;
  }
  for (const v1::ChatCompletionChunk& chunk : chunks) {
    if (!writer->Write(chunk)) return grpc::Status::CANCELLED;
  }
  return ToGrpcStatus(status);
}

grpc::Status FakeLlmService::ListModels(grpc::ServerContext* context,
                                        const v1::ListModelsRequest* request,
                                        v1::ListModelsResponse* response) {
  absl::MutexLock lock(&mu_);
  Observe(*context);
  last_call_.models_request = *request;
  return Answer(models_reply_, *response);
}

FakeLlmServer::FakeLlmServer() {
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterService(&service_);
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port == 0) {
    std::fprintf(stderr, "FakeLlmServer: cannot listen on 127.0.0.1\n");
    std::abort();
  }
  target_ = absl::StrCat("127.0.0.1:", port);
}

FakeLlmServer::~FakeLlmServer() { server_->Shutdown(); }

std::shared_ptr<grpc::Channel> FakeLlmServer::NewChannel() const {
  return grpc::CreateChannel(target_, grpc::InsecureChannelCredentials());
}

}  // namespace literllm
