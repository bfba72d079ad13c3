#ifndef LITERLLM_SERVICE_CALL_CALL_OUTCOME_H_
#define LITERLLM_SERVICE_CALL_CALL_OUTCOME_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "literllm/v1/llm_service.pb.h"
#include "service/call/call_context.h"

namespace literllm {

// One upstream attempt of a call, for metrics and the CLIENT span.
struct AttemptRecord {
  std::string provider;        // registry name ("openai")
  std::string deployment;      // "provider/model"
  std::string server_address;  // the provider URL's host
  int server_port = 0;
  int http_status = 0;  // 0: no answer (network error, timeout, cancelled)
  absl::Status status;  // OK, or the typed failure it ended with
  absl::Time start;
  absl::Time end;
  // The CLIENT span id sent upstream in `traceparent`; empty when the call
  // is not traced.
  std::string span_id;
};

// How one call ended, as every policy's Finished step sees it: once per
// call, unary or stream, whichever front it came from.
struct CallOutcome {
  // Front, caller, stream: valid during Finished only, like the outcome.
  const CallContext* context = nullptr;
  std::string model;  // as the caller asked
  // The target that answered, or was tried last; empty when none was.
  std::string provider;
  std::string deployment;  // "provider/model"
  absl::Status status;     // what the caller was told
  bool admitted = false;   // the policy chain let the call through
  int attempts = 0;        // upstream attempts started, over all targets
  absl::Duration latency;  // from the call's start to its finish
  // From the start to the first chunk (streams) or the answer (unary).
  std::optional<absl::Duration> time_to_first_token;
  std::optional<v1::Usage> usage;  // the provider's token counts
  std::optional<double> cost_usd;  // at the answering model's price

  absl::Time start;  // when the front started the call
  // The request: valid during Finished only.
  const v1::ChatCompletionRequest* request = nullptr;
  // From the answer (the first chunk's, for streams); empty when none came.
  std::string response_id;
  std::string response_model;
  std::vector<std::string> finish_reasons;  // one per choice that ended
  // The answer's text (choice 0), kept only when context->capture_content.
  std::string completion_text;
  // Every attempt, in order; their total is the time spent upstream.
  std::vector<AttemptRecord> attempt_log;
  absl::Duration upstream_time;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CALL_CALL_OUTCOME_H_
