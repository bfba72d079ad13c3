#include "service/call/trace_context.h"

#include <cstdint>
#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

bool IsLowerHex(absl::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool AllZero(absl::string_view s) {
  return s.find_first_not_of('0') == absl::string_view::npos;
}

// A per-thread generator seeded once from the OS: ids need uniqueness, not
// secrecy, and a lock-free draw on every call.
uint64_t RandomWord() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  uint64_t word = 0;
  while (word == 0) word = engine();
  return word;
}

std::string Hex(uint64_t word) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, word >>= 4) out[i] = kDigits[word & 0xf];
  return out;
}

}  // namespace

std::optional<TraceContext> ParseTraceparent(absl::string_view traceparent,
                                             absl::string_view tracestate) {
  traceparent = absl::StripAsciiWhitespace(traceparent);
  // version "-" trace-id "-" parent-id "-" flags; later versions may append
  // fields after another "-", which this version ignores.
  if (traceparent.size() < 55) return std::nullopt;
  absl::string_view version = traceparent.substr(0, 2);
  if (!IsLowerHex(version) || version == "ff") return std::nullopt;
  if (traceparent[2] != '-' || traceparent[35] != '-' ||
      traceparent[52] != '-') {
    return std::nullopt;
  }
  if (version == "00" && traceparent.size() != 55) return std::nullopt;
  if (traceparent.size() > 55 && traceparent[55] != '-') return std::nullopt;
  absl::string_view trace_id = traceparent.substr(3, 32);
  absl::string_view span_id = traceparent.substr(36, 16);
  absl::string_view flags = traceparent.substr(53, 2);
  if (!IsLowerHex(trace_id) || !IsLowerHex(span_id) || !IsLowerHex(flags) ||
      AllZero(trace_id) || AllZero(span_id)) {
    return std::nullopt;
  }
  TraceContext trace;
  trace.trace_id = std::string(trace_id);
  trace.parent_span_id = std::string(span_id);
  int flag_bits = (flags[1] >= 'a' ? flags[1] - 'a' + 10 : flags[1] - '0');
  trace.sampled = (flag_bits & 1) != 0;
  trace.tracestate = std::string(absl::StripAsciiWhitespace(tracestate));
  return trace;
}

std::string FormatTraceparent(const TraceContext& trace,
                              absl::string_view span_id) {
  return absl::StrCat("00-", trace.trace_id, "-", span_id,
                      trace.sampled ? "-01" : "-00");
}

std::string NewTraceId() { return Hex(RandomWord()) + Hex(RandomWord()); }

std::string NewSpanId() { return Hex(RandomWord()); }

}  // namespace literllm
