#include <string>
#include <utility>
#include <vector>

#include "tests/fake_http/fake_http_server.h"

namespace literllm::testing {

Handler JsonHandler(int status, std::string body, FakeHeaders headers) {
  return [status, body = std::move(body), headers = std::move(headers)](
             const RecordedRequest&, ResponseWriter& writer) {
    writer.SendJson(status, body, headers);
  };
}

Handler SseHandler(std::vector<std::string> events,
                   absl::Duration delay_between, bool close_before_end) {
  return [events = std::move(events), delay_between, close_before_end](
             const RecordedRequest&, ResponseWriter& writer) {
    const FakeHeaders headers = {{"Content-Type", "text/event-stream"},
                                 {"Cache-Control", "no-cache"}};
    if (!writer.SendHead(200, headers, /*chunked=*/true)) return;
    for (size_t i = 0; i < events.size(); ++i) {
      if (i > 0 && delay_between > absl::ZeroDuration() &&
          !writer.Sleep(delay_between)) {
        return;  // the client left (counted) or the server is stopping
      }
      if (!writer.SendChunk(events[i])) return;
    }
    if (close_before_end) {
      writer.CloseConnection();
    } else {
      writer.EndChunks();
    }
  };
}

Handler SplitSseHandler(std::string body) {
  return [body = std::move(body)](const RecordedRequest&, ResponseWriter& w) {
    if (!w.SendHead(200, {{"Content-Type", "text/event-stream"}}, true)) return;
    for (size_t i = 0, step = 1; i < body.size();
         i += step, step = step % 7 + 1) {
      if (!w.SendChunk(body.substr(i, step))) return;
      if (i % 5 == 0 && !w.Sleep(absl::Milliseconds(1))) return;
    }
    w.EndChunks();
  };
}

}  // namespace literllm::testing
