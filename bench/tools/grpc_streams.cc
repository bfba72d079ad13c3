// gRPC side of the stream load: async ChatStream calls on a few channels.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "bench/tools/chat_request.h"
#include "bench/tools/stream_load.h"
#include "literllm/v1/llm_service.grpc.pb.h"

namespace literllm::bench {
namespace {

constexpr int kStreamsPerChannel = 500;

struct Call {
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientAsyncReader<v1::ChatCompletionChunk>> reader;
  v1::ChatCompletionChunk chunk;
  grpc::Status status;
  bool finishing = false;
  absl::Time start;
  StreamResult* result;
};

}  // namespace

std::vector<StreamResult> RunGrpcStreams(
    const StreamTarget& target, int streams, int concurrency,
    const std::function<void()>& on_all_started) {
  std::string address(absl::StripPrefix(target.url, "grpc://"));
  const v1::ChatCompletionRequest request =
      BenchRequest(target.model, target.prompt);

  std::vector<StreamResult> results(streams);
  int channels = (concurrency + kStreamsPerChannel - 1) / kStreamsPerChannel;
  std::atomic<int> next{0};
  std::atomic<int> first_wave_started{0};
  int first_wave = std::min(streams, concurrency);
  std::atomic<bool> announced{false};
  std::vector<std::thread> threads;
  for (int c = 0; c < channels; ++c) {
    int slots = concurrency / channels + (c < concurrency % channels ? 1 : 0);
    threads.emplace_back([&, slots] {
      grpc::ChannelArguments args;
      args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
      auto channel = grpc::CreateCustomChannel(
          address, grpc::InsecureChannelCredentials(), args);
      // Connection set-up is not part of any stream's time to first token.
      channel->WaitForConnected(
          absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
      auto stub = v1::LlmService::NewStub(channel);
      grpc::CompletionQueue cq;
      auto start_one = [&]() -> bool {
        int i = next.fetch_add(1);
        if (i >= streams) return false;
        auto* call = new Call;
        call->result = &results[i];
        call->start = absl::Now();
        call->reader =
            stub->AsyncChatStream(&call->context, request, &cq, call);
        return true;
      };
      int active = 0;
      for (int s = 0; s < slots && start_one(); ++s) ++active;
      void* tag;
      bool ok;
      while (active > 0 && cq.Next(&tag, &ok)) {
        auto* call = static_cast<Call*>(tag);
        if (call->finishing) {
          call->result->ok = call->status.ok();
          call->result->total = absl::Now() - call->start;
          delete call;
          --active;
          if (start_one()) ++active;
          continue;
        }
        if (!ok) {
          call->finishing = true;
          call->reader->Finish(&call->status, call);
          continue;
        }
        for (const auto& choice : call->chunk.choices()) {
          if (choice.delta().content().empty()) continue;
          if (call->result->content_chunks++ == 0) {
            call->result->first_token = absl::Now() - call->start;
            if (++first_wave_started == first_wave &&
                !announced.exchange(true)) {
              on_all_started();
            }
          }
        }
        call->chunk.Clear();
        call->reader->Read(&call->chunk, call);
      }
      cq.Shutdown();
      while (cq.Next(&tag, &ok)) {
      }
    });
  }
  for (auto& t : threads) t.join();
  return results;
}

}  // namespace literllm::bench
