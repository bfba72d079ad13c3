#ifndef LITERLLM_CLIENTS_CPP_TESTING_FAKE_LLM_SERVICE_H_
#define LITERLLM_CLIENTS_CPP_TESTING_FAKE_LLM_SERVICE_H_

#include <grpcpp/channel.h>
#include <grpcpp/server.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "clients/cpp/testing/fake_admin_service.h"
#include "clients/cpp/testing/fake_call.h"
#include "literllm/v1/llm_service.grpc.pb.h"

namespace literllm {

// What the last call to the fake carried.
struct ObservedCall : CallMetadata {
  v1::ChatCompletionRequest chat_request;
  v1::ListModelsRequest models_request;
};

// An LlmService answering with canned replies, for client tests. Handlers run
// on gRPC's threads, hence the mutex; set replies before making the call.
class FakeLlmService final : public v1::LlmService::Service {
 public:
  void SetChatReply(absl::StatusOr<v1::ChatCompletionResponse> reply);
  // The stream writes `chunks` in order, then ends with `status`.
  void SetStreamReply(std::vector<v1::ChatCompletionChunk> chunks,
                      absl::Status status);
  void SetModelsReply(absl::StatusOr<v1::ListModelsResponse> reply);
  // The next `count` Chat calls fail with `status` before the reply is used.
  void FailNextChats(int count, absl::Status status);
  int chat_calls() const;
  ObservedCall last_call() const;

  grpc::Status Chat(grpc::ServerContext* context,
                    const v1::ChatCompletionRequest* request,
                    v1::ChatCompletionResponse* response) override;
  grpc::Status ChatStream(
      grpc::ServerContext* context, const v1::ChatCompletionRequest* request,
      grpc::ServerWriter<v1::ChatCompletionChunk>* writer) override;
  grpc::Status ListModels(grpc::ServerContext* context,
                          const v1::ListModelsRequest* request,
                          v1::ListModelsResponse* response) override;

 private:
  void Observe(const grpc::ServerContext& context)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::StatusOr<v1::ChatCompletionResponse> chat_reply_ ABSL_GUARDED_BY(mu_) =
      v1::ChatCompletionResponse();
  std::vector<v1::ChatCompletionChunk> stream_chunks_ ABSL_GUARDED_BY(mu_);
  absl::Status stream_status_ ABSL_GUARDED_BY(mu_);
  absl::StatusOr<v1::ListModelsResponse> models_reply_ ABSL_GUARDED_BY(mu_) =
      v1::ListModelsResponse();
  ObservedCall last_call_ ABSL_GUARDED_BY(mu_);
  int failures_left_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status failure_ ABSL_GUARDED_BY(mu_);
  int chat_calls_ ABSL_GUARDED_BY(mu_) = 0;
};

// A FakeLlmService and a FakeAdminService served on 127.0.0.1 at one port
// the kernel picks, like the gateway serves both; shuts down when destroyed.
class FakeLlmServer {
 public:
  FakeLlmServer();  // aborts when the server cannot start
  ~FakeLlmServer();

  FakeLlmService& service() { return service_; }
  FakeAdminService& admin() { return admin_; }
  // "127.0.0.1:<port>".
  const std::string& target() const { return target_; }
  std::shared_ptr<grpc::Channel> NewChannel() const;

 private:
  FakeLlmService service_;
  FakeAdminService admin_;
  std::unique_ptr<grpc::Server> server_;
  std::string target_;
};

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_TESTING_FAKE_LLM_SERVICE_H_
