#include "service/policy/call_metric_labels.h"

#include <optional>

#include "providers/http/provider_failure.h"

namespace literllm {
namespace {

struct CodeNames {
  absl::string_view upper;
  absl::string_view lower;
};

// By code number: static names, so recording builds no string.
constexpr CodeNames kCodeNames[] = {
    {"OK", "ok"},
    {"CANCELLED", "cancelled"},
    {"UNKNOWN", "unknown"},
    {"INVALID_ARGUMENT", "invalid_argument"},
    {"DEADLINE_EXCEEDED", "deadline_exceeded"},
    {"NOT_FOUND", "not_found"},
    {"ALREADY_EXISTS", "already_exists"},
    {"PERMISSION_DENIED", "permission_denied"},
    {"RESOURCE_EXHAUSTED", "resource_exhausted"},
    {"FAILED_PRECONDITION", "failed_precondition"},
    {"ABORTED", "aborted"},
    {"OUT_OF_RANGE", "out_of_range"},
    {"UNIMPLEMENTED", "unimplemented"},
    {"INTERNAL", "internal"},
    {"UNAVAILABLE", "unavailable"},
    {"DATA_LOSS", "data_loss"},
    {"UNAUTHENTICATED", "unauthenticated"},
};

const CodeNames& NamesOf(absl::StatusCode code) {
  const auto i = static_cast<size_t>(code);
  return i < std::size(kCodeNames) ? kCodeNames[i] : kCodeNames[2];
}

}  // namespace

absl::string_view StatusCodeName(absl::StatusCode code) {
  return NamesOf(code).upper;
}

absl::string_view LowerStatusCodeName(absl::StatusCode code) {
  return NamesOf(code).lower;
}

absl::string_view RoutedModel(const CallOutcome& outcome) {
  absl::string_view deployment = outcome.deployment;
  size_t slash = deployment.find('/');
  if (slash == absl::string_view::npos) return kNotRouted;
  return deployment.substr(slash + 1);
}

absl::string_view RoutedProvider(const CallOutcome& outcome) {
  return outcome.provider.empty() ? kNotRouted
                                  : absl::string_view(outcome.provider);
}

absl::string_view KeyName(const CallOutcome& outcome) {
  if (outcome.context == nullptr || outcome.context->caller == nullptr) {
    return kAnonymous;
  }
  return outcome.context->caller->name;
}

absl::string_view RejectionReason(const absl::Status& status) {
  if (std::optional<FailureKind> kind = CarriedFailureKind(status)) {
    return FailureKindName(*kind);
  }
  return LowerStatusCodeName(status.code());
}

absl::string_view AttemptOutcome(const AttemptRecord& attempt,
                                 const absl::Status& call_status) {
  if (attempt.end == absl::Time()) {
    return call_status.ok() ? FailureKindName(FailureKind::kCancelled)
                            : FailureKindName(FailureKindOf(call_status));
  }
  if (attempt.status.ok()) return "ok";
  return FailureKindName(FailureKindOf(attempt.status));
}

}  // namespace literllm
