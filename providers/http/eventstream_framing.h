#ifndef LITERLLM_PROVIDERS_HTTP_EVENTSTREAM_FRAMING_H_
#define LITERLLM_PROVIDERS_HTTP_EVENTSTREAM_FRAMING_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "providers/http/stream_framing.h"

namespace literllm {

// Cuts an AWS event stream (eventstream_message.h) into StreamEvents:
// `:message-type` event -> kEvent named by `:event-type`; exception ->
// kException named by `:exception-type`; error -> kError with `:error-code`
// and `:error-message`. Both CRCs are checked; a corrupt message or an
// unknown message type makes status() DataLoss for good. A partial message
// waits in a buffer for the next Feed (at most one message, <= 16 MiB).
class AwsEventStreamFramer final : public StreamFramer {
 public:
  void Feed(absl::string_view bytes, std::vector<StreamEvent>& out) override;
  absl::Status status() const override { return status_; }
  absl::Status Finish() override;

 private:
  void Fail(absl::Status status);

  std::string buffer_;  // the start of a message not yet complete
  absl::Status status_;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_EVENTSTREAM_FRAMING_H_
