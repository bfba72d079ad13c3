#ifndef LITERLLM_TESTS_INTEGRATION_GATEWAY_FIXTURE_H_
#define LITERLLM_TESTS_INTEGRATION_GATEWAY_FIXTURE_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "literllm/v1/llm_service.grpc.pb.h"
#include "tests/fake_http/fake_http_server.h"
#include "tests/integration/openai_fixtures.h"
#include "tests/integration/server_process.h"

namespace literllm::testing {

// The real server in front of a fake provider upstream, both on loopback.
// Each provider's fixture says how to configure the server for it.
class ProviderTest : public ::testing::Test {
 public:
  using ArgsFor = std::function<std::vector<std::string>(const std::string&)>;
  static v1::ChatCompletionRequest Request(const std::string& json);
  static std::unique_ptr<grpc::ClientContext> Context(
      absl::Duration timeout = absl::Seconds(10));

 protected:
  // `env` (and `args`, the server's command line) get the fake upstream's
  // base URL ("http://127.0.0.1:PORT"); `key` is the provider key, which
  // must never reach a log line.
  ProviderTest(Handler initial_answer,
               const std::function<ServerProcess::Env(const std::string&)>& env,
               std::string key, const ArgsFor& args = nullptr);

  void SetUp() override;
  void TearDown() override;

  grpc::Status Chat(const std::string& json, v1::ChatCompletionResponse* out,
                    grpc::ClientContext* context = nullptr);
  // Runs a ChatStream call to the end.
  grpc::Status Stream(const v1::ChatCompletionRequest& request,
                      std::vector<v1::ChatCompletionChunk>* chunks,
                      grpc::ClientContext* context = nullptr);
  grpc::Status Stream(const std::string& json,
                      std::vector<v1::ChatCompletionChunk>* chunks,
                      grpc::ClientContext* context = nullptr) {
    return Stream(Request(json), chunks, context);
  }

  const std::string key_;
  FakeHttpServer upstream_;
  ServerProcess server_;
  std::unique_ptr<v1::LlmService::Stub> stub_;
};

// The server in front of a fake OpenAI.
class GatewayTest : public ProviderTest {
 protected:
  GatewayTest()
      : ProviderTest(
            JsonHandler(200, OpenAiCompletion("Hello!")),
            [](const std::string& url) {
              return ServerProcess::Env{{"OPENAI_API_KEY", kTestKey},
                                        {"OPENAI_BASE_URL", url + "/v1"}};
            },
            kTestKey) {}
};

// Many ChatStream calls in flight at once, driven by one completion-queue
// thread per channel, so a test can look at the server while they run.
class ConcurrentStreams {
 public:
  ConcurrentStreams(const ServerProcess& server,
                    const v1::ChatCompletionRequest& request, int count,
                    int channels);
  ~ConcurrentStreams();

  // Waits until every call has ended; returns how many ended OK.
  int WaitAll(absl::Duration timeout);
  // Calls that ended OK with exactly this streamed text.
  int CountWithText(const std::string& text) const;

 private:
  struct Call;
  void Drive(grpc::CompletionQueue* cq, int calls);

  std::vector<std::unique_ptr<Call>> calls_;
  std::vector<std::unique_ptr<grpc::CompletionQueue>> queues_;
  std::vector<std::thread> threads_;
};

// OpenAI and Groq both at the fake upstream, under /openai/v1 and /groq/v1.
ServerProcess::Env OpenAiAndGroqEnvironment(const std::string& url);

// Writes `yaml` to a fresh file under the test's temporary directory.
std::string WriteConfig(const std::string& yaml);

// The server's --config argument for `yaml`, in which `{URL}` stands for the
// fake upstream's base URL.
ProviderTest::ArgsFor ConfigArgs(std::string yaml);

// Concatenated delta.content of choice 0.
std::string StreamedText(const std::vector<v1::ChatCompletionChunk>& chunks);

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_INTEGRATION_GATEWAY_FIXTURE_H_
