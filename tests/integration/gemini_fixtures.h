#ifndef LITERLLM_TESTS_INTEGRATION_GEMINI_FIXTURES_H_
#define LITERLLM_TESTS_INTEGRATION_GEMINI_FIXTURES_H_

// The real server in front of a fake Gemini API, and canned Gemini answers.

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "literllm/v1/llm_service.grpc.pb.h"
#include "tests/fake_http/fake_http_server.h"
#include "tests/integration/gateway_fixture.h"
#include "tests/integration/server_process.h"

namespace literllm::testing {

inline constexpr char kGeminiKey[] = "AIzaSy-ThisGeminiKeyMustNeverLeak-01234";

inline constexpr char kGeminiUsage[] =
    R"({"promptTokenCount":12,"candidatesTokenCount":5,)"
    R"("thoughtsTokenCount":3,"cachedContentTokenCount":4,)"
    R"("totalTokenCount":20})";

// A GenerateContentResponse with one candidate holding `parts_json`;
// an empty `finish_reason` or `usage_json` is left out.
inline std::string GeminiResponse(
    const std::string& parts_json, const std::string& finish_reason = "STOP",
    const std::string& usage_json = kGeminiUsage) {
  std::string candidate = absl::StrCat(R"({"content":{"parts":)", parts_json,
                                       R"(,"role":"model"})");
  if (!finish_reason.empty()) {
    absl::StrAppend(&candidate, R"(,"finishReason":")", finish_reason, "\"");
  }
  std::string response = absl::StrCat(R"({"candidates":[)", candidate, "}]");
  if (!usage_json.empty()) {
    absl::StrAppend(&response, R"(,"usageMetadata":)", usage_json);
  }
  return absl::StrCat(response, R"(,"modelVersion":"gemini-2.5-flash-001",)"
                                R"("responseId":"resp-1"})");
}

// One text part; `text` must need no JSON escaping.
inline std::string TextParts(const std::string& text) {
  return absl::StrCat(R"([{"text":")", text, R"("}])");
}

inline std::string GeminiSse(const std::string& json,
                             const std::string& line_end = "\n") {
  return absl::StrCat("data: ", json, line_end, line_end);
}

// A streamed answer: one event per piece, the last with STOP and usage.
inline std::vector<std::string> GeminiTextStream(
    const std::vector<std::string>& pieces,
    const std::string& line_end = "\n") {
  std::vector<std::string> events;
  for (size_t i = 0; i < pieces.size(); ++i) {
    bool last = i + 1 == pieces.size();
    events.push_back(GeminiSse(
        GeminiResponse(TextParts(pieces[i]), last ? "STOP" : "",
                       last ? kGeminiUsage : R"({"promptTokenCount":12})"),
        line_end));
  }
  return events;
}

inline std::string GeminiError(int code, const std::string& status,
                               const std::string& message,
                               const std::string& details_json = "[]") {
  return absl::StrCat(R"({"error":{"code":)", code, R"(,"message":")", message,
                      R"(","status":")", status, R"(","details":)",
                      details_json, "}}");
}

// Configured with GEMINI_API_KEY and GEMINI_BASE_URL pointing at upstream_,
// which answers a short text until a test sets another handler.
class GeminiTest : public ProviderTest {
 protected:
  GeminiTest()
      : ProviderTest(
            JsonHandler(200, GeminiResponse(TextParts("Hi there!"))),
            [](const std::string& url) {
              return ServerProcess::Env{{"GEMINI_API_KEY", kGeminiKey},
                                        {"GEMINI_BASE_URL", url}};
            },
            kGeminiKey) {}
};

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_INTEGRATION_GEMINI_FIXTURES_H_
