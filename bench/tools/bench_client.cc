// bench-client: request bodies and stream measurements for bench/run.sh.
//
//   bench-client body --format=grpc|json --model=M --bytes=N --out=FILE
//   bench-client streams --target=URL [--header='k: v']... --model=M
//                --streams=N --concurrency=C [--pid=PID]
//
// `streams` prints one JSON object: success counts, time to first token
// (p50/p99), content chunks per second, and, with --pid, that process's RSS
// and thread count (with its child processes) before the load and while
// every stream is in flight.
#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "bench/tools/chat_request.h"
#include "bench/tools/stream_load.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm::bench {
namespace {

struct Args {
  std::map<std::string, std::string> flags;
  std::vector<std::string> headers;
  std::string Get(const std::string& name,
                  const std::string& fallback = "") const {
    auto it = flags.find(name);
    return it == flags.end() ? fallback : it->second;
  }
  int Int(const std::string& name, int fallback) const {
    int value = fallback;
    return absl::SimpleAtoi(Get(name), &value) ? value : fallback;
  }
};

Args Parse(int argc, char** argv) {
  Args args;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    size_t eq = arg.find('=');
    if (!absl::StartsWith(arg, "--") || eq == std::string::npos) continue;
    std::string name = arg.substr(2, eq - 2), value = arg.substr(eq + 1);
    if (name == "header") {
      args.headers.push_back(value);
    } else {
      args.flags[name] = value;
    }
  }
  return args;
}

std::string Prompt(int bytes) {
  std::string text = "Summarise the following notes in one sentence. ";
  while (static_cast<int>(text.size()) < bytes)
    text += "The quick brown fox jumps. ";
  text.resize(bytes);
  return text;
}

int WriteBody(const Args& args) {
  std::string model = args.Get("model", "openai/gpt-4o");
  std::string prompt = Prompt(args.Int("bytes", 1024));
  v1::ChatCompletionRequest request = BenchRequest(model, prompt);
  std::string out;
  if (args.Get("format") == "grpc") {
    // A gRPC message on the wire: uncompressed flag, 4-byte length, payload.
    std::string payload = request.SerializeAsString();
    uint32_t size = htonl(static_cast<uint32_t>(payload.size()));
    out.push_back('\0');
    out.append(reinterpret_cast<const char*>(&size), 4);
    out += payload;
  } else {
    out = OpenAiJson(request);
  }
  std::ofstream(args.Get("out"), std::ios::binary) << out;
  return 0;
}

long ProcField(int pid, const char* field) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (absl::StartsWith(line, field))
      return std::atol(line.c_str() + strlen(field));
  }
  return 0;
}

// `field` summed over `pid` and its descendants: gateways such as LiteLLM
// serve from worker processes.
long TreeField(int pid, const char* field) {
  long total = ProcField(pid, field);
  std::ifstream children(
      absl::StrCat("/proc/", pid, "/task/", pid, "/children"));
  for (int child; children >> child;) total += TreeField(child, field);
  return total;
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t i =
      std::min(values.size() - 1, static_cast<size_t>(p * values.size()));
  return values[i];
}

int RunStreamLoad(const Args& args) {
  StreamTarget target{args.Get("target"), args.headers,
                      args.Get("model", "openai/gpt-4o"),
                      Prompt(args.Int("bytes", 1024))};
  int streams = args.Int("streams", 100);
  int concurrency = args.Int("concurrency", 10);
  int pid = args.Int("pid", 0);
  long rss_idle = pid ? TreeField(pid, "VmRSS:") : -1;
  long threads_idle = pid ? TreeField(pid, "Threads:") : -1;
  long rss_peak = -1, threads_peak = -1;
  absl::Time start = absl::Now();
  std::vector<StreamResult> results =
      RunStreams(target, streams, concurrency, [&] {
        if (pid == 0) return;
        rss_peak = TreeField(pid, "VmRSS:");
        threads_peak = TreeField(pid, "Threads:");
      });
  double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  int ok = 0;
  long chunks = 0;
  std::vector<double> ttft;
  for (const auto& r : results) {
    ok += r.ok;
    chunks += r.content_chunks;
    if (r.ok) ttft.push_back(absl::ToDoubleMilliseconds(r.first_token));
  }
  std::printf(
      "{\"streams\":%d,\"ok\":%d,\"failed\":%d,\"ttft_p50_ms\":%.3f,"
      "\"ttft_p99_ms\":%.3f,\"chunks\":%ld,\"seconds\":%.3f,\"chunks_per_s\":%."
      "1f,"
      "\"rss_kib_idle\":%ld,\"rss_kib_peak\":%ld,\"threads_idle\":%ld,"
      "\"threads_peak\":%ld}\n",
      streams, ok, streams - ok, Percentile(ttft, 0.5), Percentile(ttft, 0.99),
      chunks, seconds, chunks / seconds, rss_idle, rss_peak, threads_idle,
      threads_peak);
  return ok == streams ? 0 : 1;
}

}  // namespace
}  // namespace literllm::bench

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  auto args = literllm::bench::Parse(argc, argv);
  if (mode == "body") return literllm::bench::WriteBody(args);
  if (mode == "streams") return literllm::bench::RunStreamLoad(args);
  std::fprintf(stderr, "usage: bench-client body|streams --flag=value...\n");
  return 2;
}
