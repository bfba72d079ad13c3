#include "clients/cpp/llm_client.h"

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "clients/cpp/testing/fake_llm_service.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::ElementsAre;

v1::ChatCompletionResponse AssistantReply(const std::string& content) {
  v1::ChatCompletionResponse response;
  response.set_id("chatcmpl-1");
  response.set_object("chat.completion");
  v1::Choice* choice = response.add_choices();
  *choice->mutable_message() = TextMessage("assistant", content);
  choice->set_finish_reason("stop");
  return response;
}

v1::ChatCompletionChunk ContentChunk(const std::string& content) {
  v1::ChatCompletionChunk chunk;
  chunk.set_object("chat.completion.chunk");
  chunk.add_choices()->mutable_delta()->set_content(content);
  return chunk;
}

class LlmClientTest : public ::testing::Test {
 protected:
  LlmClient NewClient(LlmClientOptions options = {}) {
    return LlmClient(server_.NewChannel(), std::move(options));
  }

  FakeLlmServer server_;
  FakeLlmService& fake_ = server_.service();
};

TEST_F(LlmClientTest, ChatRoundTripCarriesAuthorization) {
  fake_.SetChatReply(AssistantReply("Hi there!"));
  LlmClientOptions options;
  options.api_key = "sk-test";

  absl::StatusOr<v1::ChatCompletionResponse> response =
      NewClient(options).Chat(UserRequest("openai/gpt-4o", "Hello"));

  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->choices(0).message().content(), "Hi there!");
  ObservedCall call = fake_.last_call();
  EXPECT_EQ(call.authorization, "Bearer sk-test");
  EXPECT_EQ(call.chat_request.model(), "openai/gpt-4o");
  ASSERT_EQ(call.chat_request.messages_size(), 1);
  EXPECT_EQ(call.chat_request.messages(0).role(), "user");
  EXPECT_EQ(call.chat_request.messages(0).content(), "Hello");
}

TEST_F(LlmClientTest, NoAuthorizationWithoutApiKey) {
  ASSERT_TRUE(NewClient().Chat(UserRequest("openai/gpt-4o", "Hi")).ok());
  EXPECT_EQ(fake_.last_call().authorization, "");
}

TEST_F(LlmClientTest, ClientFromOptionsDialsTarget) {
  fake_.SetChatReply(AssistantReply("dialled"));
  LlmClientOptions options;
  options.target = server_.target();
  LlmClient client(options);

  absl::StatusOr<v1::ChatCompletionResponse> response =
      client.Chat(UserRequest("openai/gpt-4o", "Hi"));

  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->choices(0).message().content(), "dialled");
}

TEST_F(LlmClientTest, UnavailableIsRetriedThroughTheServiceConfig) {
  fake_.SetChatReply(AssistantReply("after two tries"));
  fake_.FailNextChats(2, absl::UnavailableError("restarting"));
  LlmClientOptions options;
  options.target = server_.target();
  LlmClient client(options);
  absl::StatusOr<v1::ChatCompletionResponse> response =
      client.Chat(UserRequest("openai/gpt-4o", "Hi"));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->choices(0).message().content(), "after two tries");
  EXPECT_EQ(fake_.chat_calls(), 3);

  fake_.FailNextChats(1, absl::UnavailableError("restarting"));
  options.retry_unavailable = false;
  LlmClient no_retries(options);
  EXPECT_EQ(no_retries.Chat(UserRequest("openai/gpt-4o", "Hi")).status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(fake_.chat_calls(), 4);
}

TEST_F(LlmClientTest, PerCallDeadlineReachesServer) {
  ASSERT_TRUE(NewClient()
                  .Chat(UserRequest("openai/gpt-4o", "Hi"), absl::Seconds(30))
                  .ok());
  EXPECT_TRUE(
      DeadlineNear(fake_.last_call().deadline_remaining, absl::Seconds(30)));
}

TEST_F(LlmClientTest, DefaultDeadlineAppliesToEveryCall) {
  LlmClientOptions options;
  options.default_deadline = absl::Seconds(10);
  ASSERT_TRUE(NewClient(options).ListModels().ok());
  EXPECT_TRUE(
      DeadlineNear(fake_.last_call().deadline_remaining, absl::Seconds(10)));
}

TEST_F(LlmClientTest, InfiniteDefaultDeadlineSendsNone) {
  LlmClientOptions options;
  options.default_deadline = absl::InfiniteDuration();
  ASSERT_TRUE(NewClient(options).ListModels().ok());
  EXPECT_EQ(fake_.last_call().deadline_remaining, std::nullopt);
}

TEST_F(LlmClientTest, ChatErrorKeepsCodeAndMessage) {
  fake_.SetChatReply(absl::InvalidArgumentError("unknown role \"robot\""));
  absl::StatusOr<v1::ChatCompletionResponse> response =
      NewClient().Chat(UserRequest("openai/gpt-4o", "Hi"));
  EXPECT_EQ(response.status(),
            absl::InvalidArgumentError("unknown role \"robot\""));
}

TEST_F(LlmClientTest, ChatStreamDeliversChunksInOrder) {
  fake_.SetStreamReply(
      {ContentChunk("Hel"), ContentChunk("lo"), ContentChunk("!")},
      absl::OkStatus());
  std::vector<std::string> deltas;

  absl::Status status = NewClient().ChatStream(
      UserRequest("anthropic/claude-sonnet-4-5", "Hi"),
      [&](const v1::ChatCompletionChunk& chunk) {
        deltas.push_back(chunk.choices(0).delta().content());
      });

  EXPECT_TRUE(status.ok()) << status;
  EXPECT_THAT(deltas, ElementsAre("Hel", "lo", "!"));
  EXPECT_EQ(fake_.last_call().chat_request.model(),
            "anthropic/claude-sonnet-4-5");
}

TEST_F(LlmClientTest, ChatStreamReturnsErrorAfterDeliveredChunks) {
  fake_.SetStreamReply({ContentChunk("a"), ContentChunk("b")},
                       absl::UnavailableError("openai: stream cut"));
  std::vector<std::string> deltas;

  absl::Status status = NewClient().ChatStream(
      UserRequest("openai/gpt-4o", "Hi"),
      [&](const v1::ChatCompletionChunk& chunk) {
        deltas.push_back(chunk.choices(0).delta().content());
      });

  EXPECT_EQ(status, absl::UnavailableError("openai: stream cut"));
  EXPECT_THAT(deltas, ElementsAre("a", "b"));
}

TEST_F(LlmClientTest, ListModelsSendsProviderFilterOnlyWhenGiven) {
  v1::ListModelsResponse models;
  models.add_data()->set_id("openai/gpt-4o");
  fake_.SetModelsReply(models);
  LlmClient client = NewClient();

  absl::StatusOr<v1::ListModelsResponse> all = client.ListModels();
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->data(0).id(), "openai/gpt-4o");
  EXPECT_FALSE(fake_.last_call().models_request.has_provider());

  ASSERT_TRUE(client.ListModels("openai").ok());
  EXPECT_EQ(fake_.last_call().models_request.provider(), "openai");
}

TEST_F(LlmClientTest, ListModelsErrorKeepsCode) {
  fake_.SetModelsReply(absl::UnauthenticatedError("bad key"));
  EXPECT_EQ(NewClient().ListModels().status(),
            absl::UnauthenticatedError("bad key"));
}

TEST(FromGrpcStatusTest, KeepsCodeAndMessage) {
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
  EXPECT_EQ(FromGrpcStatus(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                        "openai: rate limited")),
            absl::ResourceExhaustedError("openai: rate limited"));
  EXPECT_EQ(FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "")),
            absl::UnauthenticatedError(""));
}

TEST(LlmClientOptionsTest, FromEnvironmentReadsTargetAndKey) {
  setenv("LITERLLM_TARGET", "gateway.internal:443", 1);
  setenv("LITERLLM_API_KEY", "sk-env", 1);
  LlmClientOptions options = LlmClientOptions::FromEnvironment();
  EXPECT_EQ(options.target, "gateway.internal:443");
  EXPECT_EQ(options.api_key, "sk-env");

  setenv("LITERLLM_TARGET", "", 1);
  unsetenv("LITERLLM_API_KEY");
  options = LlmClientOptions::FromEnvironment();
  EXPECT_EQ(options.target, LlmClientOptions::kDefaultTarget);
  EXPECT_EQ(options.api_key, "");
  unsetenv("LITERLLM_TARGET");
}

TEST(UserRequestTest, HoldsOneUserMessage) {
  v1::ChatCompletionRequest request = UserRequest("groq/llama", "Hi");
  EXPECT_EQ(request.model(), "groq/llama");
  ASSERT_EQ(request.messages_size(), 1);
  EXPECT_EQ(request.messages(0).role(), "user");
  EXPECT_TRUE(request.messages(0).has_content());
  EXPECT_EQ(request.messages(0).content(), "Hi");
}

}  // namespace
}  // namespace literllm
