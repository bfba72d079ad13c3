// HTTP side of the stream load: SSE chat streams on one libcurl multi handle.
#include <curl/curl.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "bench/tools/chat_request.h"
#include "bench/tools/stream_load.h"

namespace literllm::bench {
namespace {

struct Stream {
  CURL* easy = nullptr;
  absl::Time start;
  StreamResult* result = nullptr;
  std::string pending;  // bytes of an unfinished SSE line
  int* first_tokens = nullptr;
};

// Counts content deltas: SSE data lines whose JSON holds a non-empty
// "content" string.
size_t OnBody(char* data, size_t size, size_t count, void* self) {
  auto* s = static_cast<Stream*>(self);
  s->pending.append(data, size * count);
  size_t line_start = 0;
  for (size_t nl; (nl = s->pending.find('\n', line_start)) != std::string::npos;
       line_start = nl + 1) {
    std::string_view line(s->pending.data() + line_start, nl - line_start);
    size_t at = line.find("\"content\":\"");
    if (line.rfind("data:", 0) != 0 || at == std::string_view::npos ||
        line[at + 11] == '"') {
      continue;
    }
    if (s->result->content_chunks++ == 0) {
      s->result->first_token = absl::Now() - s->start;
      ++*s->first_tokens;
    }
  }
  s->pending.erase(0, line_start);
  return size * count;
}

}  // namespace

std::vector<StreamResult> RunHttpStreams(
    const StreamTarget& target, int streams, int concurrency,
    const std::function<void()>& on_all_started) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  v1::ChatCompletionRequest request = BenchRequest(target.model, target.prompt);
  request.set_stream(true);
  request.mutable_stream_options()->set_include_usage(true);
  const std::string body = OpenAiJson(request);
  curl_slist* headers =
      curl_slist_append(nullptr, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Expect:");
  for (const auto& h : target.headers)
    headers = curl_slist_append(headers, h.c_str());

  std::vector<StreamResult> results(streams);
  std::vector<std::unique_ptr<Stream>> all;
  CURLM* multi = curl_multi_init();
  int next = 0, active = 0, first_tokens = 0;
  int first_wave = std::min(streams, concurrency);
  bool announced = false;
  auto start_one = [&] {
    auto s = std::make_unique<Stream>();
    s->result = &results[next++];
    s->first_tokens = &first_tokens;
    s->start = absl::Now();
    s->easy = curl_easy_init();
    curl_easy_setopt(s->easy, CURLOPT_URL, target.url.c_str());
    curl_easy_setopt(s->easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(s->easy, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(s->easy, CURLOPT_WRITEFUNCTION, &OnBody);
    curl_easy_setopt(s->easy, CURLOPT_WRITEDATA, s.get());
    curl_easy_setopt(s->easy, CURLOPT_PRIVATE, s.get());
    curl_easy_setopt(s->easy, CURLOPT_NOSIGNAL, 1L);
    curl_multi_add_handle(multi, s->easy);
    all.push_back(std::move(s));
    ++active;
  };
  while (next < first_wave) start_one();
  while (active > 0) {
    int running;
    curl_multi_perform(multi, &running);
    int left;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Stream* s;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &s);
      long code = 0;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &code);
      s->result->ok = msg->data.result == CURLE_OK && code == 200 &&
                      s->result->content_chunks > 0;
      s->result->total = absl::Now() - s->start;
      curl_multi_remove_handle(multi, msg->easy_handle);
      curl_easy_cleanup(msg->easy_handle);
      --active;
      if (next < streams) start_one();
    }
    if (!announced && first_tokens >= first_wave) {
      announced = true;
      on_all_started();
    }
    curl_multi_poll(multi, nullptr, 0, 100, nullptr);
  }
  curl_multi_cleanup(multi);
  curl_slist_free_all(headers);
  return results;
}

std::vector<StreamResult> RunStreams(
    const StreamTarget& target, int streams, int concurrency,
    const std::function<void()>& on_all_started) {
  if (target.url.rfind("grpc://", 0) == 0) {
    return RunGrpcStreams(target, streams, concurrency, on_all_started);
  }
  return RunHttpStreams(target, streams, concurrency, on_all_started);
}

}  // namespace literllm::bench
