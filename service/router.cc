#include "service/router.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "providers/provider_errors.h"
#include "service/request_validator.h"

namespace literllm {

absl::StatusOr<UpstreamCall> RouteChat(const Gateway& gateway,
                                       const v1::ChatCompletionRequest& request,
                                       bool stream) {
  if (absl::Status valid = ValidateChatRequest(request); !valid.ok()) {
    return valid;
  }
  absl::StatusOr<ResolvedModel> resolved =
      gateway.providers.Resolve(request.model());
  if (!resolved.ok()) return resolved.status();
  absl::StatusOr<HttpRequest> http =
      resolved->provider->BuildChatRequest(request, resolved->model, stream);
  if (!http.ok()) return http.status();
  return UpstreamCall{resolved->provider, std::move(resolved->model),
                      *std::move(http)};
}

absl::Time CallDeadline(const Gateway& gateway,
                        const grpc::CallbackServerContext& context) {
  absl::Time cap = absl::Now() + gateway.max_call_duration;
  auto deadline = context.deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) return cap;
  return std::min(cap, absl::FromChrono(deadline));
}

absl::Status UpstreamError(const Provider& provider,
                           const absl::Status& transfer,
                           const HttpResponseHead& head, absl::string_view body,
                           absl::Time deadline) {
  if (transfer.ok()) {
    return head.ok() ? absl::OkStatus() : provider.ParseError(head, body);
  }
  absl::StatusCode code = transfer.code();
  if (code == absl::StatusCode::kCancelled && absl::Now() >= deadline) {
    code = absl::StatusCode::kDeadlineExceeded;
  }
  return NamedByProvider(provider.config().name,
                         absl::Status(code, transfer.message()));
}

}  // namespace literllm
