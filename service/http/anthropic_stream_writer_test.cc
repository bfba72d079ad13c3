#include "service/http/anthropic_stream_writer.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "tests/golden/golden_files.h"

namespace literllm {
namespace {

// Feeds chunks (proto3 JSON each) through a writer and returns every
// event, End's included.
std::string Events(const std::vector<std::string>& chunks) {
  AnthropicStreamWriter writer;
  std::string out;
  for (const std::string& json : chunks) {
    v1::ChatCompletionChunk chunk;
    ProtoFromJson(json, chunk);
    out += writer.Chunk(chunk);
  }
  return out + writer.End();
}

std::string Event(absl::string_view name, absl::string_view json) {
  return absl::StrCat("event: ", name, "\ndata: ", MinifyJson(json), "\n\n");
}

std::string Start(absl::string_view id, absl::string_view model) {
  return Event("message_start",
               absl::StrCat(
                   R"({"type":"message_start","message":{"id":")", id,
                   R"(","type":"message","role":"assistant","content":[],)",
                   R"("model":")", model,
                   R"(","stop_reason":null,"stop_sequence":null,"usage":)",
                   R"({"input_tokens":0,"cache_creation_input_tokens":0,)",
                   R"("cache_read_input_tokens":0,"output_tokens":0}}})")) +
         Event("ping", R"({"type":"ping"})");
}

std::string BlockStart(int index, absl::string_view block) {
  return Event("content_block_start",
               absl::StrCat(R"({"type":"content_block_start","index":)", index,
                            R"(,"content_block":)", block, "}"));
}

std::string BlockDelta(int index, absl::string_view delta) {
  return Event("content_block_delta",
               absl::StrCat(R"({"type":"content_block_delta","index":)", index,
                            R"(,"delta":)", delta, "}"));
}

std::string BlockStop(int index) {
  return Event(
      "content_block_stop",
      absl::StrCat(R"({"type":"content_block_stop","index":)", index, "}"));
}

std::string End(absl::string_view stop_reason, absl::string_view usage) {
  return Event(
             "message_delta",
             absl::StrCat(R"({"type":"message_delta","delta":)",
                          R"({"stop_reason":")", stop_reason,
                          R"(","stop_sequence":null},"usage":)", usage, "}")) +
         Event("message_stop", R"({"type":"message_stop"})");
}

constexpr char kChunk[] = R"({"id":"msg_1","model":"claude-x","choices":[)";

// What the Anthropic codec sends for thinking, text and a tool call.
TEST(AnthropicStreamWriterTest, ThinkingTextAndToolUseGetTheirOwnBlocks) {
  std::string expected = absl::StrCat(
      Start("msg_1", "claude-x"),
      BlockStart(0, R"({"type":"thinking","thinking":"","signature":""})"),
      BlockDelta(0, R"({"type":"thinking_delta","thinking":"Let me"})"),
      BlockDelta(0, R"({"type":"thinking_delta","thinking":" think."})"),
      BlockDelta(0, R"({"type":"signature_delta","signature":"sig=="})"),
      BlockStop(0), BlockStart(1, R"({"type":"text","text":""})"),
      BlockDelta(1, R"({"type":"text_delta","text":"Checking."})"),
      BlockStop(1),
      BlockStart(2, R"({"type":"tool_use","id":"toolu_1","name":"read",)"
                    R"("input":{}})"),
      BlockDelta(2, R"({"type":"input_json_delta","partial_json":"{\"p\":"})"),
      BlockDelta(2, R"({"type":"input_json_delta","partial_json":"1}"})"),
      BlockStop(2),
      End("tool_use", R"({"input_tokens":5,"cache_creation_input_tokens":0,)"
                      R"("cache_read_input_tokens":100,"output_tokens":42})"));
  EXPECT_EQ(
      Events({
          absl::StrCat(kChunk,
                       R"({"delta":{"role":"assistant","content":""}}]})"),
          absl::StrCat(kChunk, R"({"delta":{"reasoning_content":"Let me"}}]})"),
          absl::StrCat(kChunk,
                       R"({"delta":{"reasoning_content":" think."}}]})"),
          absl::StrCat(
              kChunk,
              R"({"delta":{"thinking_blocks":[{"type":"thinking",)"
              R"("thinking":"Let me think.","signature":"sig=="}]}}]})"),
          absl::StrCat(kChunk, R"({"delta":{"content":"Checking."}}]})"),
          absl::StrCat(kChunk,
                       R"({"delta":{"tool_calls":[{"index":0,"id":"toolu_1",)"
                       R"("type":"function","function":{"name":"read",)"
                       R"("arguments":""}}]}}]})"),
          absl::StrCat(kChunk,
                       R"({"delta":{"tool_calls":[{"index":0,"function":)"
                       R"({"arguments":"{\"p\":"}}]}}]})"),
          absl::StrCat(kChunk,
                       R"({"delta":{"tool_calls":[{"index":0,"function":)"
                       R"({"arguments":"1}"}}]}}]})"),
          absl::StrCat(kChunk,
                       R"({"delta":{},"finish_reason":"tool_calls"}]})"),
          R"({"id":"msg_1","model":"claude-x","usage":{"prompt_tokens":105,)"
          R"("completion_tokens":42,"total_tokens":147,)"
          R"("prompt_tokens_details":{"cached_tokens":100}}})",
      }),
      expected);
}

// OpenAI streams parallel calls one after the other; a fragment for an
// earlier call keeps that call's block index.
TEST(AnthropicStreamWriterTest, ParallelToolCallsKeepTheirIndexes) {
  std::string expected = absl::StrCat(
      Start("chatcmpl-1", "gpt-4o"),
      BlockStart(0, R"({"type":"tool_use","id":"c1","name":"a","input":{}})"),
      BlockStop(0),
      BlockStart(1, R"({"type":"tool_use","id":"c2","name":"b","input":{}})"),
      BlockDelta(0, R"({"type":"input_json_delta","partial_json":"{}"})"),
      BlockStop(1),
      End("tool_use", R"({"input_tokens":0,"cache_creation_input_tokens":0,)"
                      R"("cache_read_input_tokens":0,"output_tokens":0})"));
  constexpr char kOpenAi[] =
      R"({"id":"chatcmpl-1","model":"gpt-4o","choices":[)";
  EXPECT_EQ(Events({
                absl::StrCat(kOpenAi,
                             R"({"delta":{"tool_calls":[{"index":0,"id":"c1",)"
                             R"("function":{"name":"a"}}]}}]})"),
                absl::StrCat(kOpenAi,
                             R"({"delta":{"tool_calls":[{"index":1,"id":"c2",)"
                             R"("function":{"name":"b"}}]}}]})"),
                absl::StrCat(kOpenAi, R"({"delta":{"tool_calls":[{"index":0,)"
                                      R"("function":{"arguments":"{}"}}]}}]})"),
                absl::StrCat(kOpenAi,
                             R"({"delta":{},"finish_reason":"tool_calls"}]})"),
            }),
            expected);
}

TEST(AnthropicStreamWriterTest, RedactedAndUnstreamedThinkingBlocks) {
  std::string expected = absl::StrCat(
      Start("m", "c"),
      BlockStart(0, R"({"type":"redacted_thinking","data":"enc"})"),
      BlockStop(0),
      BlockStart(1, R"({"type":"thinking","thinking":"","signature":""})"),
      BlockDelta(1, R"({"type":"thinking_delta","thinking":"whole"})"),
      BlockDelta(1, R"({"type":"signature_delta","signature":"s"})"),
      BlockStop(1),
      End("max_tokens", R"({"input_tokens":0,"cache_creation_input_tokens":0,)"
                        R"("cache_read_input_tokens":0,"output_tokens":0})"));
  constexpr char kC[] = R"({"id":"m","model":"c","choices":[)";
  EXPECT_EQ(
      Events({
          absl::StrCat(
              kC,
              R"({"delta":{"thinking_blocks":[)"
              R"({"type":"redacted_thinking","data":"enc"},)"
              R"({"type":"thinking","thinking":"whole","signature":"s"}]}}]})"),
          absl::StrCat(kC, R"({"delta":{},"finish_reason":"length"}]})"),
      }),
      expected);
}

TEST(AnthropicStreamWriterTest, AStreamWithoutChunksIsStillComplete) {
  EXPECT_EQ(
      Events({}),
      absl::StrCat(Start("", ""),
                   End("end_turn",
                       R"({"input_tokens":0,)"
                       R"("cache_creation_input_tokens":0,)"
                       R"("cache_read_input_tokens":0,"output_tokens":0})")));
}

TEST(AnthropicStreamWriterTest, ErrorEvent) {
  EXPECT_EQ(AnthropicStreamWriter::ErrorEvent("overloaded_error", "busy"),
            Event("error", R"({"type":"error","error":{"type":)"
                           R"("overloaded_error","message":"busy"}})"));
}

}  // namespace
}  // namespace literllm
