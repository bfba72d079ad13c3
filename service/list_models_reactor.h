#ifndef LITERLLM_SERVICE_LIST_MODELS_REACTOR_H_
#define LITERLLM_SERVICE_LIST_MODELS_REACTOR_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "literllm/v1/llm_service.pb.h"
#include "service/router.h"

namespace literllm {

// One ListModels call: asks every configured provider (or the one requested)
// for its models in parallel and answers when all have replied. A provider
// that fails or is slow does not fail the call: it is reported in `errors`.
class ListModelsReactor final : public grpc::ServerUnaryReactor {
 public:
  // Upper bound for one provider's listing, whatever the caller's deadline.
  static constexpr absl::Duration kListingTimeout = absl::Seconds(10);

  ListModelsReactor(const Gateway& gateway,
                    grpc::CallbackServerContext* context,
                    const v1::ListModelsRequest* request,
                    v1::ListModelsResponse* response);
  ~ListModelsReactor() override;

 private:
  class Listing;

  void OnCancel() override;
  void OnDone() override { delete this; }
  // Called by each Listing on the transport thread.
  void ListingDone(const Provider& provider,
                   absl::StatusOr<std::vector<v1::Model>> models);

  const Gateway& gateway_;
  grpc::CallbackServerContext* const context_;
  v1::ListModelsResponse* const response_;
  std::vector<std::unique_ptr<Listing>> listings_;

  absl::Mutex mu_;
  size_t pending_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<TransferId> transfers_ ABSL_GUARDED_BY(mu_);
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_LIST_MODELS_REACTOR_H_
