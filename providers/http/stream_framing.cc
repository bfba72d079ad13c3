#include "providers/http/stream_framing.h"

#include "providers/http/eventstream_framing.h"
#include "providers/http/sse_parser.h"

namespace literllm {

std::unique_ptr<StreamFramer> NewStreamFramer(StreamFraming framing) {
  switch (framing) {
    case StreamFraming::kSse:
      return std::make_unique<SseParser>();
    case StreamFraming::kAwsEventStream:
      return std::make_unique<AwsEventStreamFramer>();
  }
  return nullptr;
}

}  // namespace literllm
