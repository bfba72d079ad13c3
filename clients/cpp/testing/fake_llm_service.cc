#include "clients/cpp/testing/fake_llm_service.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"

namespace literllm {

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
  static_cast<CallMetadata&>(last_call_) = MetadataOf(context);
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
  builder.RegisterService(&admin_);
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
