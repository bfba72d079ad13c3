#include "service/grpc/list_models_reactor.h"

#include <optional>
#include <string>
#include <utility>

#include "service/grpc/grpc_call_context.h"
#include "service/grpc/grpc_status.h"

namespace literllm {

ListModelsReactor::ListModelsReactor(const CallServices& calls,
                                     ModelCatalog& catalog,
                                     const SecretRedactor& redactor,
                                     grpc::CallbackServerContext* context,
                                     const v1::ListModelsRequest* request,
                                     v1::ListModelsResponse* response) {
  std::optional<std::string> only;
  if (request->has_provider()) only = request->provider();
  listing_ = ModelListing::Start(
      calls.policies, GrpcCallContext(*context, /*stream=*/false),
      calls.providers, catalog, redactor, std::move(only),
      [this, response, &redactor,
       context](absl::StatusOr<v1::ListModelsResponse> listed) {
        if (listed.ok()) *response = *std::move(listed);
        Finish(ToGrpcStatus(listed.status(), redactor, context));
      });
}

void ListModelsReactor::OnCancel() {
  if (listing_ != nullptr) listing_->Cancel();
}

}  // namespace literllm
