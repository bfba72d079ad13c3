#ifndef LITERLLM_PROVIDERS_HTTP_SSE_PARSER_H_
#define LITERLLM_PROVIDERS_HTTP_SSE_PARSER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "providers/http/stream_framing.h"

namespace literllm {

// Incremental parser of server-sent events
// (https://html.spec.whatwg.org/#event-stream-interpretation): bytes may be
// split anywhere, including inside a line ending or a UTF-8 sequence. Handles
// LF, CRLF and CR line endings, comment lines (":" keep-alives), multi-line
// data and a leading BOM.
class SseParser final : public StreamFramer {
 public:
  void Feed(absl::string_view bytes, std::vector<StreamEvent>& out) override;

 private:
  void ProcessLine(absl::string_view line, std::vector<StreamEvent>& out);

  std::string line_;          // partial line carried between feeds
  bool last_was_cr_ = false;  // a CR ended the previous feed: skip one LF
  bool bom_checked_ = false;
  StreamEvent pending_;
  bool has_data_ = false;
};

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_SSE_PARSER_H_
