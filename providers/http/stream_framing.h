#ifndef LITERLLM_PROVIDERS_HTTP_STREAM_FRAMING_H_
#define LITERLLM_PROVIDERS_HTTP_STREAM_FRAMING_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace literllm {

// One framed event of a provider's stream, whatever the wire framing: an SSE
// event (its `event:` name and data), an AWS event-stream message (its
// `:event-type` header and payload) or one line of newline-delimited JSON
// (no type). Stream decoders see only these, never raw bytes.
struct StreamEvent {
  // What an AWS event-stream message carries; SSE and NDJSON events are
  // always kEvent.
  enum class Kind {
    kEvent,      // type: `:event-type`; data: the payload
    kException,  // a modelled failure (`:message-type` exception); type:
                 // `:exception-type` (e.g. "throttlingException"); data:
                 // its JSON payload. The codec turns it into a typed failure.
    kError,      // an unmodelled failure (`:message-type` error); type:
                 // `:error-code`; data: `:error-message`
  };

  std::string type;  // "" when the framing names no event type
  std::string data;  // the payload (SSE data lines joined with '\n')
  std::string id;    // SSE only: the last event id
  Kind kind = Kind::kEvent;
};

// How a provider frames its stream.
enum class StreamFraming {
  kSse,             // text/event-stream
  kAwsEventStream,  // application/vnd.amazon.eventstream (Bedrock)
};

// Cuts a byte stream into events. Bytes may be split anywhere, including
// inside a frame or a UTF-8 sequence. One per stream; not thread-safe.
class StreamFramer {
 public:
  virtual ~StreamFramer() = default;
  // Appends every event completed by `bytes` to `out`.
  virtual void Feed(absl::string_view bytes, std::vector<StreamEvent>& out) = 0;

  // OK, or the first framing error (a corrupt binary frame): sticky, and
  // Feed ignores all later input. Check it after each Feed. SSE never fails.
  virtual absl::Status status() const { return absl::OkStatus(); }
  // Call at the end of the stream: an error when input ended inside a frame
  // (binary framings only; SSE drops an unfinished event, as browsers do).
  virtual absl::Status Finish() { return status(); }
};

std::unique_ptr<StreamFramer> NewStreamFramer(StreamFraming framing);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_STREAM_FRAMING_H_
