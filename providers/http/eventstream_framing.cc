#include "providers/http/eventstream_framing.h"

#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "providers/http/eventstream_message.h"

namespace literllm {
namespace {

absl::StatusOr<StreamEvent> ToEvent(EventStreamMessage message) {
  absl::string_view message_type = message.StringHeader(":message-type");
  StreamEvent event;
  if (message_type == "event") {
    event.type = std::string(message.StringHeader(":event-type"));
    event.data = std::move(message.payload);
  } else if (message_type == "exception") {
    event.kind = StreamEvent::Kind::kException;
    event.type = std::string(message.StringHeader(":exception-type"));
    event.data = std::move(message.payload);
  } else if (message_type == "error") {
    event.kind = StreamEvent::Kind::kError;
    event.type = std::string(message.StringHeader(":error-code"));
    event.data = std::string(message.StringHeader(":error-message"));
  } else {
    return absl::DataLossError(absl::StrCat(
        "AWS event stream: unknown :message-type \"", message_type, "\""));
  }
  return event;
}

}  // namespace

void AwsEventStreamFramer::Feed(absl::string_view bytes,
                                std::vector<StreamEvent>& out) {
  if (!status_.ok()) return;
  buffer_.append(bytes.data(), bytes.size());
  absl::string_view rest = buffer_;
  // The prelude is checked as soon as it is here, so a corrupt length fails
  // at once instead of waiting for bytes that will never come.
  while (rest.size() >= kEventStreamPreludeBytes) {
    absl::StatusOr<size_t> length = EventStreamMessageLength(rest);
    if (!length.ok()) return Fail(length.status());
    if (rest.size() < *length) break;
    absl::StatusOr<EventStreamMessage> message =
        DecodeEventStreamMessage(rest.substr(0, *length));
    if (!message.ok()) return Fail(message.status());
    absl::StatusOr<StreamEvent> event = ToEvent(*std::move(message));
    if (!event.ok()) return Fail(event.status());
    out.push_back(*std::move(event));
    rest.remove_prefix(*length);
  }
  buffer_.erase(0, buffer_.size() - rest.size());
}

absl::Status AwsEventStreamFramer::Finish() {
  if (status_.ok() && !buffer_.empty()) {
    Fail(absl::DataLossError(
        absl::StrCat("AWS event stream: the stream ended inside a message (",
                     buffer_.size(), " bytes)")));
  }
  return status_;
}

void AwsEventStreamFramer::Fail(absl::Status status) {
  status_ = std::move(status);
  buffer_.clear();
}

}  // namespace literllm
