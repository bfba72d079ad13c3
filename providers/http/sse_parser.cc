#include "providers/http/sse_parser.h"

#include <cstring>
#include <utility>

namespace literllm {
namespace {

constexpr absl::string_view kBom = "\xEF\xBB\xBF";

// Position of the first `c` in [p, end), or `end`.
const char* FindOrEnd(const char* p, const char* end, char c) {
  const void* hit = std::memchr(p, c, end - p);
  return hit == nullptr ? end : static_cast<const char*>(hit);
}

}  // namespace

void SseParser::Feed(absl::string_view bytes, std::vector<StreamEvent>& out) {
  if (!bom_checked_) {
    // Until three bytes have arrived, line_ holds the BOM prefix seen so far.
    // On a mismatch those bytes (EF, EF BB) are ordinary line content and
    // stay in line_, since neither is a line ending.
    while (!bytes.empty() && line_.size() < kBom.size() &&
           bytes.front() == kBom[line_.size()]) {
      line_.push_back(bytes.front());
      bytes.remove_prefix(1);
    }
    if (line_.size() == kBom.size()) {
      line_.clear();
      bom_checked_ = true;
    } else if (bytes.empty()) {
      return;  // Still a possible BOM prefix: wait for more bytes.
    } else {
      bom_checked_ = true;
    }
  }
  if (last_was_cr_ && !bytes.empty()) {
    last_was_cr_ = false;
    if (bytes.front() == '\n') bytes.remove_prefix(1);
  }

  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  // Cached positions of the next CR and LF, so an LF-only stream does not
  // rescan for a CR after every line (and vice versa): one pass per Feed.
  const char* next_cr = FindOrEnd(p, end, '\r');
  const char* next_lf = FindOrEnd(p, end, '\n');
  while (p < end) {
    if (next_cr < p) next_cr = FindOrEnd(p, end, '\r');
    if (next_lf < p) next_lf = FindOrEnd(p, end, '\n');
    const char* eol = next_cr < next_lf ? next_cr : next_lf;
    if (eol == end) {
      line_.append(p, end - p);
      return;
    }
    absl::string_view piece(p, eol - p);
    if (line_.empty()) {
      ProcessLine(piece, out);  // Common case: the line is whole, no copy.
    } else {
      line_.append(piece.data(), piece.size());
      ProcessLine(line_, out);
      line_.clear();  // Keeps the capacity for the next partial line.
    }
    p = eol + 1;
    if (*eol == '\r') {
      if (p == end) {
        last_was_cr_ = true;  // The LF of a CRLF may start the next feed.
      } else if (*p == '\n') {
        ++p;
      }
    }
  }
}

void SseParser::ProcessLine(absl::string_view line,
                            std::vector<StreamEvent>& out) {
  if (line.empty()) {
    if (has_data_) {
      // The last event id persists across events, as the spec says.
      out.push_back(StreamEvent{std::move(pending_.type),
                                std::move(pending_.data), pending_.id});
      has_data_ = false;
    }
    pending_.type.clear();
    pending_.data.clear();
    return;
  }
  const size_t colon = line.find(':');
  if (colon == 0) return;  // Comment, e.g. a ": keep-alive" line.
  absl::string_view field = line.substr(0, colon);
  absl::string_view value;
  if (colon != absl::string_view::npos) {
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (has_data_) pending_.data.push_back('\n');
    pending_.data.append(value.data(), value.size());
    has_data_ = true;
  } else if (field == "event") {
    pending_.type.assign(value.data(), value.size());
  } else if (field == "id") {
    if (value.find('\0') == absl::string_view::npos) {
      pending_.id.assign(value.data(), value.size());
    }
  }
  // "retry" and unknown fields are ignored: we never reconnect.
}

}  // namespace literllm
