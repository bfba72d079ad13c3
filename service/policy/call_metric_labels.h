#ifndef LITERLLM_SERVICE_POLICY_CALL_METRIC_LABELS_H_
#define LITERLLM_SERVICE_POLICY_CALL_METRIC_LABELS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/call/call_outcome.h"

namespace literllm {

// Label values of a call's metrics, all from the resolved route, the status
// and the caller key's name, never from free text a caller sent (so the
// number of series stays bounded) and never key material.

// What stands for the model and provider of a call that was never routed
// (rejected, unknown model).
inline constexpr absl::string_view kNotRouted = "none";
// The key of a call made without a caller key.
inline constexpr absl::string_view kAnonymous = "anonymous";

// The gRPC name of a code: "OK", "UNAVAILABLE", "RESOURCE_EXHAUSTED", ...
absl::string_view StatusCodeName(absl::StatusCode code);
// The same in lower case: "unavailable", "permission_denied", ...
absl::string_view LowerStatusCodeName(absl::StatusCode code);

// The model part of the deployment that answered (or was tried last),
// "none" when there was none.
absl::string_view RoutedModel(const CallOutcome& outcome);
absl::string_view RoutedProvider(const CallOutcome& outcome);
// The caller key's name, "anonymous" without one.
absl::string_view KeyName(const CallOutcome& outcome);

// Why the policy chain refused a call: the failure kind its status carries
// ("rate_limited", "quota_exhausted"), else its code in lower case
// ("unauthenticated", "permission_denied", "invalid_argument").
absl::string_view RejectionReason(const absl::Status& status);

// How an upstream attempt ended: "ok", or its failure kind ("rate_limited",
// "timeout", "server_error", "network", "cancelled", ...). An attempt the
// call's end cut short (no end time) ended as the call did, or "cancelled".
absl::string_view AttemptOutcome(const AttemptRecord& attempt,
                                 const absl::Status& call_status);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_POLICY_CALL_METRIC_LABELS_H_
