#include "service/router.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "providers/http/provider_failure.h"
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

absl::StatusOr<CallTarget> ResolveTarget(const Gateway& gateway,
                                         const std::string& target) {
  absl::StatusOr<ResolvedModel> resolved = gateway.providers.Resolve(target);
  if (!resolved.ok()) return resolved.status();
  return CallTarget{resolved->provider, std::move(resolved->model),
                    gateway.balancer.Health(target)};
}

// The model (an alias: its deployments in the balancer's order, then its
// fallbacks), then the request's fallbacks (which may be aliases too).
absl::StatusOr<std::vector<CallTarget>> Targets(
    const Gateway& gateway, const v1::ChatCompletionRequest& request) {
  std::vector<CallTarget> targets;
  auto add = [&](const std::string& model) -> absl::Status {
    const ModelAlias* alias = gateway.providers.FindAlias(model);
    if (alias == nullptr) {
      absl::StatusOr<CallTarget> target = ResolveTarget(gateway, model);
      if (!target.ok()) return target.status();
      targets.push_back(*std::move(target));
      return absl::OkStatus();
    }
    for (size_t i : gateway.balancer.Order(*alias, absl::Now())) {
      absl::StatusOr<CallTarget> target =
          ResolveTarget(gateway, alias->targets[i]);
      if (!target.ok()) return target.status();
      targets.push_back(*std::move(target));
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

std::optional<absl::Duration> RateLimitReset(const HttpResponseHead& head) {
  if (head.status != 429) return std::nullopt;
  if (absl::string_view ms = head.Header("retry-after-ms"); !ms.empty()) {
    double value = 0;
    if (absl::SimpleAtod(ms, &value) && value >= 0) {
      return absl::Milliseconds(value);
    }
  }
  // OpenAI-style "1s" / "6m0s" / "250ms" until the exhausted limit resets.
  std::optional<absl::Duration> longest;
  for (absl::string_view name :
       {"x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"}) {
    absl::Duration value;
    absl::string_view text = head.Header(name);
    if (!text.empty() && absl::ParseDuration(text, &value) &&
        value >= absl::ZeroDuration()) {
      longest = std::max(longest.value_or(value), value);
    }
  }
  return longest;
}

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
  std::optional<CallTarget> context_fallback;
  if (const ModelAlias* alias = gateway.providers.FindAlias(request.model());
      alias != nullptr && !alias->context_fallback.empty()) {
    absl::StatusOr<CallTarget> target =
        ResolveTarget(gateway, alias->context_fallback);
    if (!target.ok()) return target.status();
    context_fallback = *std::move(target);
  }
  const CallTarget& first = targets->front();
  absl::StatusOr<HttpRequest> http =
      first.provider->BuildChatRequest(request, first.model, stream);
  if (!http.ok()) {
    // The first target may hold a claimed probe: it was never tried.
    if (first.health != nullptr) {
      first.health->AttemptStarted();
      first.health->AttemptEnded(DeploymentHealth::Outcome::kNoVerdict,
                                 absl::ZeroDuration(), absl::Now());
    }
    return http.status();
  }
  return ChatRoute{*std::move(targets), std::move(context_fallback),
                   *std::move(http), *max_retries, *attempt_timeout};
}

void StartNextAttempt(UpstreamTransfer& transfer, const CallAttempts& attempts,
                      const v1::ChatCompletionRequest& request, bool stream,
                      absl::Time when, absl::Time call_deadline,
                      std::function<void(HttpRequest)> start,
                      std::function<void(const absl::Status&)> end) {
  transfer.WaitUntil(when, [&attempts, &request, stream, call_deadline,
                            start = std::move(start),
                            end = std::move(end)](bool cancelled) {
    if (cancelled) {
      end(absl::Now() >= call_deadline ? absl::DeadlineExceededError("deadline")
                                       : absl::CancelledError("cancelled"));
      return;
    }
    const CallTarget& target = attempts.target();
    absl::StatusOr<HttpRequest> http =
        target.provider->BuildChatRequest(request, target.model, stream);
    if (!http.ok()) {
      end(http.status());
      return;
    }
    start(*std::move(http));
  });
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
    if (head.ok()) return absl::OkStatus();
    absl::Status error = provider.ParseError(head, body);
    if (!RetryAfter(error).has_value()) {
      if (std::optional<absl::Duration> reset = RateLimitReset(head)) {
        error.SetPayload(
            kRetryAfterPayload,
            absl::Cord(absl::StrCat(absl::ToDoubleSeconds(*reset))));
      }
    }
    return error;
  }
  absl::StatusCode code = transfer.code();
  if (code == absl::StatusCode::kCancelled && absl::Now() >= deadline) {
    code = absl::StatusCode::kDeadlineExceeded;
  }
  return NamedByProvider(provider.config().name,
                         absl::Status(code, transfer.message()));
}

}  // namespace literllm
