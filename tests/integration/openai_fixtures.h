#ifndef LITERLLM_TESTS_INTEGRATION_OPENAI_FIXTURES_H_
#define LITERLLM_TESTS_INTEGRATION_OPENAI_FIXTURES_H_

// Canned OpenAI answers for the fake upstream in integration tests.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace literllm::testing {

inline constexpr char kTestKey[] = "sk-test-ThisKeyMustNeverLeak0123456789";

inline std::string OpenAiCompletion(const std::string& content) {
  return absl::StrCat(
      R"({"id":"chatcmpl-1","object":"chat.completion","created":1741570283,)"
      R"("model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":)"
      R"({"role":"assistant","content":")",
      content,
      R"(","refusal":null},"logprobs":null,"finish_reason":"stop"}],)"
      R"("usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,)"
      R"("prompt_tokens_details":{"cached_tokens":4,"audio_tokens":0},)"
      R"("completion_tokens_details":{"reasoning_tokens":2,"audio_tokens":0}},)"
      R"("system_fingerprint":"fp_1"})");
}

inline std::string OpenAiError(const std::string& message,
                               const std::string& type,
                               const std::string& code) {
  return absl::StrCat(R"({"error":{"message":")", message, R"(","type":")",
                      type, R"(","param":null,"code":")", code, R"("}})");
}

inline std::string ChunkEvent(const std::string& choices_json) {
  return absl::StrCat(
      R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,)"
      R"("model":"gpt-4o","choices":)",
      choices_json, R"(,"usage":null,"obfuscation":"xY"})", "\n\n");
}

inline std::string ContentEvent(const std::string& text) {
  return ChunkEvent(absl::StrCat(R"([{"index":0,"delta":{"content":")", text,
                                 R"("},"finish_reason":null}])"));
}

inline std::string UsageEvent() {
  return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
         "\"created\":1,\"model\":\"gpt-4o\",\"choices\":[],\"usage\":"
         "{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}"
         "\n\n";
}

// A complete text stream: role, one chunk per piece, finish, usage, [DONE].
inline std::vector<std::string> TextStream(
    const std::vector<std::string>& pieces) {
  std::vector<std::string> events{ChunkEvent(
      R"([{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}])")};
  for (const auto& piece : pieces) events.push_back(ContentEvent(piece));
  events.push_back(
      ChunkEvent(R"([{"index":0,"delta":{},"finish_reason":"stop"}])"));
  events.push_back(UsageEvent());
  events.push_back("data: [DONE]\n\n");
  return events;
}

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_INTEGRATION_OPENAI_FIXTURES_H_
