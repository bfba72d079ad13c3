#ifndef LITERLLM_SERVICE_TRACING_SPAN_H_
#define LITERLLM_SERVICE_TRACING_SPAN_H_

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace literllm {

// One recorded operation, as the exporter queues it: plain values, built on
// the call's thread when it ends and encoded to OTLP later, off that thread
// (otlp_encoder.h). Field meanings follow the OpenTelemetry trace data model.

using AttributeValue =
    std::variant<std::string, int64_t, double, bool, std::vector<std::string>>;

struct Attribute {
  // Always a string literal (the semantic conventions' names), so spans
  // carry no copy of their keys.
  absl::string_view key;
  AttributeValue value;
};

using Attributes = std::vector<Attribute>;

struct SpanEvent {
  absl::Time time;
  std::string name;
  Attributes attributes;
};

// OTLP's Span.SpanKind numbers.
enum class SpanKind : int {
  kInternal = 1,
  kServer = 2,
  kClient = 3,
};

// OTLP's Status.StatusCode numbers.
enum class SpanStatus : int {
  kUnset = 0,
  kOk = 1,
  kError = 2,
};

struct Span {
  // Lower-case hex, as in `traceparent`: 32 digits, 16 for span ids.
  std::string trace_id;
  std::string span_id;
  std::string parent_span_id;     // empty for a root span
  bool parent_is_remote = false;  // the parent is the caller's span
  bool sampled = true;
  std::string trace_state;
  std::string name;
  SpanKind kind = SpanKind::kInternal;
  absl::Time start;
  absl::Time end;
  Attributes attributes;
  std::vector<SpanEvent> events;
  SpanStatus status = SpanStatus::kUnset;
  std::string status_message;  // only with kError

  void Add(absl::string_view key, AttributeValue value) {
    attributes.push_back(Attribute{key, std::move(value)});
  }
  // Text is text, never the bool a pointer would convert to.
  void Add(absl::string_view key, std::string text) {
    Add(key, AttributeValue(std::move(text)));
  }
  void Add(absl::string_view key, absl::string_view text) {
    Add(key, std::string(text));
  }
  void Add(absl::string_view key, const char* text) {
    Add(key, absl::string_view(text));
  }
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_TRACING_SPAN_H_
