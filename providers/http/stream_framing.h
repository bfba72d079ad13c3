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
  std::string type;  // "" when the framing names no event type
  std::string data;  // the payload (SSE data lines joined with '\n')
  std::string id;    // SSE only: the last event id
};

// How a provider frames its stream.
enum class StreamFraming {
  kSse,  // text/event-stream
};

// Cuts a byte stream into events. Bytes may be split anywhere, including
// inside a frame or a UTF-8 sequence. One per stream; not thread-safe.
class StreamFramer {
 public:
  virtual ~StreamFramer() = default;
  // Appends every event completed by `bytes` to `out`.
  virtual void Feed(absl::string_view bytes, std::vector<StreamEvent>& out) = 0;
};

std::unique_ptr<StreamFramer> NewStreamFramer(StreamFraming framing);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_STREAM_FRAMING_H_
