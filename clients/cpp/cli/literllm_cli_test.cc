// Runs the built `literllm` binary against an in-process fake LlmService.
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "clients/cpp/llm_client.h"
#include "clients/cpp/testing/cli_runner.h"
#include "clients/cpp/testing/fake_llm_service.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

CliResult RunCli(const std::vector<std::string>& args,
                 const std::vector<std::string>& env = {}) {
  return RunCliBinary(LITERLLM_CLI_PATH, args, env);
}

v1::ChatCompletionResponse Reply(const std::string& content) {
  v1::ChatCompletionResponse response;
  response.set_object("chat.completion");
  v1::Choice* choice = response.add_choices();
  *choice->mutable_message() = TextMessage("assistant", content);
  choice->set_finish_reason("stop");
  v1::Usage* usage = response.mutable_usage();
  usage->set_prompt_tokens(9);
  usage->set_completion_tokens(3);
  usage->set_total_tokens(12);
  response.set_estimated_cost_usd(0.00012);
  return response;
}

v1::ChatCompletionChunk ContentChunk(const std::string& content) {
  v1::ChatCompletionChunk chunk;
  chunk.add_choices()->mutable_delta()->set_content(content);
  return chunk;
}

v1::ChatCompletionChunk ToolCallChunk(const std::string& name,
                                      const std::string& arguments) {
  v1::ChatCompletionChunk chunk;
  v1::ToolCallDelta* call =
      chunk.add_choices()->mutable_delta()->add_tool_calls();
  if (!name.empty()) call->mutable_function()->set_name(name);
  call->mutable_function()->set_arguments(arguments);
  return chunk;
}

v1::ChatCompletionChunk UsageChunk() {
  v1::ChatCompletionChunk chunk;
  chunk.add_choices()->set_finish_reason("stop");
  chunk.mutable_usage()->set_prompt_tokens(4);
  chunk.mutable_usage()->set_completion_tokens(2);
  chunk.mutable_usage()->set_total_tokens(6);
  return chunk;
}

class LiterllmCliTest : public ::testing::Test {
 protected:
  FakeLlmServer server_;
  FakeLlmService& fake_ = server_.service();
  const std::string target_ = server_.target();
};

TEST_F(LiterllmCliTest, ChatPrintsAnswerAndUsage) {
  fake_.SetChatReply(Reply("Hi there!"));
  CliResult result = RunCli({"--target", target_, "--api-key", "sk-cli", "chat",
                             "-m", "openai/gpt-4o", "Hello"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Hi there!\n");
  EXPECT_EQ(result.err,
            "tokens: prompt=9 completion=3 total=12\ncost: $0.00012\n");
  ObservedCall call = fake_.last_call();
  EXPECT_EQ(call.authorization, "Bearer sk-cli");
  EXPECT_EQ(call.chat_request.model(), "openai/gpt-4o");
  ASSERT_EQ(call.chat_request.messages_size(), 1);
  EXPECT_EQ(call.chat_request.messages(0).content(), "Hello");
  EXPECT_FALSE(call.chat_request.has_temperature());
}

TEST_F(LiterllmCliTest, ChatSendsOptionsAndTimeout) {
  CliResult result =
      RunCli({"chat", "-m", "anthropic/claude-sonnet-4-5", "--system=Be brief.",
              "--temperature", "0.25", "--max-tokens", "50", "--timeout", "30",
              "--target", target_, "Hello", "world"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  ObservedCall call = fake_.last_call();
  ASSERT_EQ(call.chat_request.messages_size(), 2);
  EXPECT_EQ(call.chat_request.messages(0).role(), "system");
  EXPECT_EQ(call.chat_request.messages(0).content(), "Be brief.");
  EXPECT_EQ(call.chat_request.messages(1).content(), "Hello world");
  EXPECT_EQ(call.chat_request.temperature(), 0.25);
  EXPECT_EQ(call.chat_request.max_tokens(), 50);
  EXPECT_TRUE(DeadlineNear(call.deadline_remaining, absl::Seconds(30)));
}

TEST_F(LiterllmCliTest, ChatPrintsToolCalls) {
  v1::ChatCompletionResponse response;
  v1::ToolCall* call =
      response.add_choices()->mutable_message()->add_tool_calls();
  call->mutable_function()->set_name("get_weather");
  call->mutable_function()->set_arguments(R"({"city":"Paris"})");
  fake_.SetChatReply(response);

  CliResult result =
      RunCli({"--target", target_, "chat", "-m", "openai/gpt-4o", "Weather?"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "tool_call get_weather({\"city\":\"Paris\"})\n");
}

TEST_F(LiterllmCliTest, ChatJsonUsesProtoFieldNames) {
  fake_.SetChatReply(Reply("Hi"));
  CliResult result = RunCli(
      {"--target", target_, "chat", "--json", "-m", "openai/gpt-4o", "Hi"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, StartsWith("{"));
  EXPECT_THAT(result.out, HasSubstr(R"("finish_reason":"stop")"));
  EXPECT_THAT(result.out, HasSubstr(R"("prompt_tokens":9)"));
  EXPECT_THAT(result.out, HasSubstr(R"("estimated_cost_usd":0.00012)"));
}

TEST_F(LiterllmCliTest, StreamPrintsDeltasThenNewline) {
  fake_.SetStreamReply({ContentChunk("Hel"), ContentChunk("lo"), UsageChunk()},
                       absl::OkStatus());
  CliResult result = RunCli(
      {"--target", target_, "chat", "-m", "openai/gpt-4o", "--stream", "Hi"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Hello\n");
  EXPECT_EQ(result.err, "tokens: prompt=4 completion=2 total=6\n");
}

TEST_F(LiterllmCliTest, StreamAssemblesToolCallFragments) {
  fake_.SetStreamReply({ToolCallChunk("get_weather", R"({"city":)"),
                        ToolCallChunk("", R"("Paris"})")},
                       absl::OkStatus());
  CliResult result = RunCli(
      {"--target", target_, "chat", "--stream", "-m", "openai/gpt-4o", "Hi"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "tool_call get_weather({\"city\":\"Paris\"})\n");
}

TEST_F(LiterllmCliTest, StreamErrorAfterDeltasExitsOne) {
  fake_.SetStreamReply({ContentChunk("partial")},
                       absl::UnavailableError("openai: stream cut"));
  CliResult result = RunCli(
      {"--target", target_, "chat", "--stream", "-m", "openai/gpt-4o", "Hi"});

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "partial\n");
  EXPECT_EQ(result.err, "error: UNAVAILABLE: openai: stream cut\n");
}

TEST_F(LiterllmCliTest, RpcErrorPrintsCodeNameAndExitsOne) {
  fake_.SetChatReply(absl::InvalidArgumentError("unknown provider 'foo'"));
  CliResult result =
      RunCli({"--target", target_, "chat", "-m", "foo/bar", "Hello"});

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "error: INVALID_ARGUMENT: unknown provider 'foo'\n");
}

TEST_F(LiterllmCliTest, ModelsPrintsIdsAndProviderErrors) {
  v1::ListModelsResponse models;
  models.add_data()->set_id("openai/gpt-4o");
  models.add_data()->set_id("openai/gpt-4o-mini");
  v1::Model* alias = models.add_data();
  alias->set_id("smart");
  alias->add_alias_for("anthropic/claude-sonnet-4-5");
  alias->add_alias_for("openai/gpt-4o");
  v1::ProviderError* error = models.add_errors();
  error->set_provider("gemini");
  error->set_message("gemini: invalid API key");
  error = models.add_errors();
  error->set_provider("groq");
  error->set_message("timed out");
  fake_.SetModelsReply(models);

  CliResult result = RunCli({"models", "--target", target_});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "openai/gpt-4o\nopenai/gpt-4o-mini\n"
            "smart -> anthropic/claude-sonnet-4-5, openai/gpt-4o\n");
  EXPECT_EQ(result.err,
            "error: gemini: invalid API key\nerror: groq: timed out\n");
  EXPECT_FALSE(fake_.last_call().models_request.has_provider());
}

TEST_F(LiterllmCliTest, ModelsOfOneProviderUsesEnvironmentTarget) {
  CliResult result = RunCli({"models", "openai"}, {"LITERLLM_TARGET=" + target_,
                                                   "LITERLLM_API_KEY=sk-env"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  ObservedCall call = fake_.last_call();
  EXPECT_EQ(call.models_request.provider(), "openai");
  EXPECT_EQ(call.authorization, "Bearer sk-env");
}

TEST_F(LiterllmCliTest, ModelsExitsOneWhenEveryProviderFailed) {
  v1::ListModelsResponse models;
  models.add_errors()->set_provider("openai");
  fake_.SetModelsReply(models);
  EXPECT_EQ(RunCli({"--target", target_, "models"}).exit_code, 1);
}

TEST(LiterllmCliUsageTest, HelpPrintsUsage) {
  CliResult result = RunCli({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.out, StartsWith("usage: literllm"));
  EXPECT_THAT(result.out, HasSubstr("--stream"));
  EXPECT_THAT(result.out, HasSubstr("prices"));
}

TEST(LiterllmCliUsageTest, UsageErrorsExitTwo) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {},
           {"chat", "Hello"},
           {"chat", "-m", "openai/gpt-4o"},
           {"chat", "-m"},
           {"chat", "--bogus", "-m", "openai/gpt-4o", "Hi"},
           {"chat", "--max-tokens", "lots", "-m", "openai/gpt-4o", "Hi"},
           {"models", "--stream"},
           {"models", "a", "b"},
           {"prices", "a", "b"},
           {"prices", "-m", "openai/gpt-4o"},
           {"frobnicate"}}) {
    CliResult result = RunCli(args);
    EXPECT_EQ(result.exit_code, 2) << absl::StrJoin(args, " ");
    EXPECT_THAT(result.err, HasSubstr("usage: literllm"));
    EXPECT_EQ(result.out, "");
  }
}

TEST(LiterllmCliUsageTest, UnreachableGatewayIsUnavailable) {
  CliResult result = RunCli({"--target", "127.0.0.1:1", "--timeout", "5",
                             "chat", "-m", "openai/gpt-4o", "Hi"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, StartsWith("error: UNAVAILABLE: "));
}

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// `prices` reads the table built into the binary: the unreachable target
// shows that no gateway is called.
TEST(LiterllmCliPricesTest, PrintsMatchingRowsAsAlignedColumns) {
  CliResult result =
      RunCli({"prices", "GPT-4O-MINI"}, {"LITERLLM_TARGET=127.0.0.1:1"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  std::vector<std::string> lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 2u) << result.out;
  EXPECT_THAT(lines[0], StartsWith("PROVIDER/MODEL  "));
  EXPECT_THAT(lines[0], HasSubstr("INPUT  CACHED INPUT  CACHE WRITE  OUTPUT"));
  EXPECT_THAT(lines[1], StartsWith("openai/gpt-4o-mini  "));
  EXPECT_THAT(lines[1], HasSubstr(" 0.15 "));
  EXPECT_THAT(lines[1], HasSubstr(" 0.075 "));
  EXPECT_THAT(lines[1], HasSubstr(" 0.60 "));
  EXPECT_EQ(lines[1].find("https://"), lines[0].find("SOURCE"));
}

TEST(LiterllmCliPricesTest, ColumnsLineUpAcrossRows) {
  CliResult result = RunCli({"prices", "anthropic/claude-"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines = Lines(result.out);
  ASSERT_GT(lines.size(), 5u);
  const size_t as_of = lines[0].find("AS OF");
  const size_t output_end = as_of - 2;  // prices align right
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_THAT(lines[i], StartsWith("anthropic/claude-"));
    EXPECT_EQ(lines[i].substr(as_of, 3), "202") << lines[i];
    EXPECT_NE(lines[i][output_end - 1], ' ') << lines[i];
    EXPECT_EQ(lines[i][output_end], ' ') << lines[i];
  }
}

TEST(LiterllmCliPricesTest, JsonPrintsOneObjectPerRow) {
  CliResult result = RunCli({"--json", "prices", "deepseek/deepseek-chat"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> lines = Lines(result.out);
  ASSERT_EQ(lines.size(), 1u) << result.out;
  EXPECT_THAT(lines[0],
              StartsWith(R"({"provider":"deepseek","model":"deepseek-chat",)"
                         R"("input":)"));
  EXPECT_THAT(lines[0], HasSubstr(R"("cached_input":)"));
  EXPECT_THAT(lines[0], Not(HasSubstr("cache_write")));
  EXPECT_THAT(lines[0], HasSubstr(R"("source":"https://)"));

  result = RunCli({"prices", "--json", "claude-sonnet-4-5"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr(R"("cache_write":3.75,)"));
}

TEST(LiterllmCliPricesTest, EveryRowWithoutFilter) {
  CliResult result = RunCli({"prices", "--json"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_GE(Lines(result.out).size(), 60u);
}

TEST(LiterllmCliPricesTest, NoMatchExitsOne) {
  CliResult result = RunCli({"prices", "no-such-model"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "error: no price matches 'no-such-model'\n");
}

}  // namespace
}  // namespace literllm
