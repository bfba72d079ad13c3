#include "tests/integration/gateway_fixture.h"

#include <google/protobuf/util/json_util.h>
#include <stdlib.h>

#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"

namespace literllm::testing {

ProviderTest::ProviderTest(
    Handler initial_answer,
    const std::function<ServerProcess::Env(const std::string&)>& env,
    std::string key, const ArgsFor& args)
    : key_(std::move(key)),
      upstream_(std::move(initial_answer)),
      server_(env(upstream_.base_url()),
              args ? args(upstream_.base_url()) : std::vector<std::string>{}),
      stub_(server_.NewStub()) {}

void ProviderTest::SetUp() {
  ASSERT_NE(server_.port(), 0) << "server did not start";
}

void ProviderTest::TearDown() {
  for (const std::string& line : server_.Logs()) {
    EXPECT_FALSE(absl::StrContains(line, key_)) << "key in log: " << line;
  }
  for (const RecordedRequest& request : upstream_.requests()) {
    EXPECT_FALSE(absl::StrContains(request.path, key_)) << request.path;
  }
}

ServerProcess::Env OpenAiAndGroqEnvironment(const std::string& url) {
  return {{"OPENAI_API_KEY", kTestKey},
          {"OPENAI_BASE_URL", url + "/openai/v1"},
          {"GROQ_API_KEY", "gsk-groq-NeverLeak0123456789"},
          {"GROQ_BASE_URL", url + "/groq/v1"}};
}

std::string WriteConfig(const std::string& yaml) {
  std::string dir = ::testing::TempDir() + "literllm-config-XXXXXX";
  EXPECT_NE(mkdtemp(dir.data()), nullptr);
  std::string file = dir + "/gateway.yaml";
  std::ofstream(file) << yaml;
  return file;
}

ProviderTest::ArgsFor ConfigArgs(std::string yaml) {
  return [yaml](const std::string& url) {
    return std::vector<std::string>{absl::StrCat(
        "--config=", WriteConfig(absl::StrReplaceAll(yaml, {{"{URL}", url}})))};
  };
}

grpc::Status ProviderTest::Chat(const std::string& json,
                                v1::ChatCompletionResponse* out,
                                grpc::ClientContext* context) {
  auto owned = Context();
  return stub_->Chat(context ? context : owned.get(), Request(json), out);
}

v1::ChatCompletionRequest ProviderTest::Request(const std::string& json) {
  v1::ChatCompletionRequest request;
  auto status = google::protobuf::util::JsonStringToMessage(json, &request);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return request;
}

std::unique_ptr<grpc::ClientContext> ProviderTest::Context(
    absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return context;
}

grpc::Status ProviderTest::Stream(const v1::ChatCompletionRequest& request,
                                  std::vector<v1::ChatCompletionChunk>* chunks,
                                  grpc::ClientContext* context) {
  std::unique_ptr<grpc::ClientContext> owned;
  if (context == nullptr) {
    owned = Context();
    context = owned.get();
  }
  auto reader = stub_->ChatStream(context, request);
  v1::ChatCompletionChunk chunk;
  while (reader->Read(&chunk)) chunks->push_back(chunk);
  return reader->Finish();
}

struct ConcurrentStreams::Call {
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientAsyncReader<v1::ChatCompletionChunk>> reader;
  v1::ChatCompletionChunk chunk;
  std::vector<v1::ChatCompletionChunk> chunks;
  grpc::Status status;
  bool finishing = false;
  std::atomic<bool> done{false};
};

ConcurrentStreams::ConcurrentStreams(const ServerProcess& server,
                                     const v1::ChatCompletionRequest& request,
                                     int count, int channels) {
  for (int c = 0; c < channels; ++c) {
    auto stub = server.NewStub();
    queues_.push_back(std::make_unique<grpc::CompletionQueue>());
    int share = count / channels + (c < count % channels ? 1 : 0);
    for (int i = 0; i < share; ++i) {
      auto call = std::make_unique<Call>();
      call->context.set_deadline(
          absl::ToChronoTime(absl::Now() + absl::Minutes(2)));
      call->reader = stub->AsyncChatStream(&call->context, request,
                                           queues_.back().get(), call.get());
      calls_.push_back(std::move(call));
    }
    threads_.emplace_back([this, cq = queues_.back().get(), share,
                           stub = std::move(stub)] { Drive(cq, share); });
  }
}

ConcurrentStreams::~ConcurrentStreams() {
  for (auto& call : calls_) call->context.TryCancel();
  for (auto& t : threads_) t.join();
}

void ConcurrentStreams::Drive(grpc::CompletionQueue* cq, int calls) {
  void* tag;
  bool ok;
  // The first event of each call is its start; every later one a read.
  while (calls > 0 && cq->Next(&tag, &ok)) {
    auto* call = static_cast<Call*>(tag);
    if (call->finishing) {
      call->done = true;
      --calls;
    } else if (ok) {
      if (call->chunk.ByteSizeLong() > 0) call->chunks.push_back(call->chunk);
      call->chunk.Clear();
      call->reader->Read(&call->chunk, call);
    } else {
      call->finishing = true;
      call->reader->Finish(&call->status, call);
    }
  }
  cq->Shutdown();
  while (cq->Next(&tag, &ok)) {
  }
}

int ConcurrentStreams::WaitAll(absl::Duration timeout) {
  absl::Time give_up = absl::Now() + timeout;
  int done = 0;
  while (absl::Now() < give_up) {
    done = 0;
    for (auto& call : calls_) done += call->done ? 1 : 0;
    if (done == static_cast<int>(calls_.size())) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  int ok = 0;
  for (auto& call : calls_) ok += call->done && call->status.ok() ? 1 : 0;
  return ok;
}

int ConcurrentStreams::CountWithText(const std::string& text) const {
  int n = 0;
  for (const auto& call : calls_) {
    n += call->done && call->status.ok() && StreamedText(call->chunks) == text;
  }
  return n;
}

std::string StreamedText(const std::vector<v1::ChatCompletionChunk>& chunks) {
  std::string text;
  for (const auto& chunk : chunks) {
    for (const auto& choice : chunk.choices()) {
      if (choice.index() == 0) text += choice.delta().content();
    }
  }
  return text;
}

}  // namespace literllm::testing
