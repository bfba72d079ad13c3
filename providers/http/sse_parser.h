#ifndef LITERLLM_PROVIDERS_HTTP_SSE_PARSER_H_
#define LITERLLM_PROVIDERS_HTTP_SSE_PARSER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace literllm {

// One server-sent event
// (https://html.spec.whatwg.org/#event-stream-interpretation).
struct SseEvent {
  std::string event;  // "" when the stream named no event type
  std::string data;   // data lines joined with '\n'
  std::string id;
};

// Incremental SSE parser: bytes may be split anywhere, including inside a
// line ending or a UTF-8 sequence. Handles LF, CRLF and CR line endings,
// comment lines (":" keep-alives), multi-line data and a leading BOM.
class SseParser {
 public:
  // Appends every event completed by `bytes` to `out`.
  void Feed(absl::string_view bytes, std::vector<SseEvent>& out);

 private:
  void ProcessLine(absl::string_view line, std::vector<SseEvent>& out);

  std::string line_;          // partial line carried between feeds
  bool last_was_cr_ = false;  // a CR ended the previous feed: skip one LF
  bool bom_checked_ = false;
  SseEvent pending_;
  bool has_data_ = false;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_SSE_PARSER_H_
