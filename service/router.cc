#include "service/router.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "providers/provider_errors.h"
#include "service/request_validator.h"

namespace literllm {

namespace {

// The per-call value of a retry setting: the request field, else the gRPC
// metadata entry `key`, else nullopt (the server's default).
std::optional<std::string> MetadataValue(
    const grpc::CallbackServerContext& context, absl::string_view key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (it == metadata.end()) return std::nullopt;
  return std::string(it->second.data(), it->second.size());
}

absl::StatusOr<int> MaxRetries(const Gateway& gateway,
                               const grpc::CallbackServerContext& context,
                               const v1::ChatCompletionRequest& request) {
  int retries = gateway.retries.max_retries;
  if (request.has_max_retries()) {
    retries = request.max_retries();
  } else if (auto text = MetadataValue(context, "literllm-max-retries")) {
    if (!absl::SimpleAtoi(*text, &retries)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "literllm-max-retries: '", *text, "' is not a whole number"));
    }
  }
  if (retries < 0 || retries > gateway.retries.max_retries_limit) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_retries: ", retries, " is not from 0 to ",
                     gateway.retries.max_retries_limit));
  }
  return retries;
}

absl::StatusOr<absl::Duration> AttemptTimeout(
    const Gateway& gateway, const grpc::CallbackServerContext& context,
    const v1::ChatCompletionRequest& request) {
  absl::Duration timeout = gateway.retries.attempt_timeout;
  if (request.has_attempt_timeout()) {
    timeout = absl::Seconds(request.attempt_timeout().seconds()) +
              absl::Nanoseconds(request.attempt_timeout().nanos());
  } else if (auto text = MetadataValue(context, "literllm-attempt-timeout")) {
    if (!absl::ParseDuration(*text, &timeout)) {
      return absl::InvalidArgumentError(
          absl::StrCat("literllm-attempt-timeout: '", *text,
                       "' is not a duration like 20s"));
    }
  } else {
    return timeout;
  }
  if (timeout <= absl::ZeroDuration() ||
      timeout > gateway.retries.max_attempt_timeout) {
    return absl::InvalidArgumentError(absl::StrCat(
        "attempt_timeout: ", absl::FormatDuration(timeout),
        " is not above 0 and at most ",
        absl::FormatDuration(gateway.retries.max_attempt_timeout)));
  }
  return timeout;
}

// The model, an alias's further targets, then the fallbacks (which may be
// aliases too).
absl::StatusOr<std::vector<CallTarget>> Targets(
    const Gateway& gateway, const v1::ChatCompletionRequest& request) {
  std::vector<CallTarget> targets;
  auto add = [&](absl::string_view model) -> absl::Status {
    absl::StatusOr<std::vector<ResolvedModel>> resolved =
        gateway.providers.ResolveAll(model);
    if (!resolved.ok()) return resolved.status();
    for (ResolvedModel& target : *resolved) {
      targets.push_back({target.provider, std::move(target.model)});
    }
    return absl::OkStatus();
  };
  if (absl::Status status = add(request.model()); !status.ok()) return status;
  for (const std::string& fallback : request.fallbacks()) {
    if (absl::Status status = add(fallback); !status.ok()) {
      return absl::Status(status.code(),
                          absl::StrCat("fallbacks: ", status.message()));
    }
  }
  return targets;
}

}  // namespace

absl::StatusOr<ChatRoute> RouteChat(const Gateway& gateway,
                                    const grpc::CallbackServerContext& context,
                                    const v1::ChatCompletionRequest& request,
                                    bool stream) {
  if (absl::Status valid = ValidateChatRequest(request); !valid.ok()) {
    return valid;
  }
  absl::StatusOr<int> max_retries = MaxRetries(gateway, context, request);
  if (!max_retries.ok()) return max_retries.status();
  absl::StatusOr<absl::Duration> attempt_timeout =
      AttemptTimeout(gateway, context, request);
  if (!attempt_timeout.ok()) return attempt_timeout.status();
  absl::StatusOr<std::vector<CallTarget>> targets = Targets(gateway, request);
  if (!targets.ok()) return targets.status();
  const CallTarget& first = targets->front();
  absl::StatusOr<HttpRequest> http =
      first.provider->BuildChatRequest(request, first.model, stream);
  if (!http.ok()) return http.status();
  return ChatRoute{*std::move(targets), *std::move(http), *max_retries,
                   *attempt_timeout};
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
