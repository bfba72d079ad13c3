#include "providers/pricing/model_name.h"

#include <string>

#include "gtest/gtest.h"

namespace literllm {
namespace {

struct Case {
  const char* provider;
  const char* model;
  const char* family;  // what one strip leaves
};

TEST(StripModelVersionTest, RemovesOneRecognisedMarker) {
  for (const Case& c : {
           Case{"openai", "gpt-4o-2024-08-06", "gpt-4o"},
           Case{"openai", "gpt-4o-mini-2024-07-18", "gpt-4o-mini"},
           Case{"openai", "gpt-3.5-turbo-0125", "gpt-3.5-turbo"},
           Case{"azure", "gpt-4o-2024-11-20", "gpt-4o"},
           Case{"anthropic", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5"},
           Case{"anthropic", "claude-3-5-sonnet@20240620", "claude-3-5-sonnet"},
           Case{"anthropic", "claude-3-7-sonnet-latest", "claude-3-7-sonnet"},
           Case{"xai", "grok-4-0709", "grok-4"},
           Case{"xai", "grok-2-vision-1212", "grok-2-vision"},
           Case{"mistral", "mistral-large-2411", "mistral-large"},
           Case{"mistral", "mistral-small-latest", "mistral-small"},
           Case{"gemini", "models/gemini-2.5-flash", "gemini-2.5-flash"},
           Case{"gemini", "gemini-2.5-flash-preview-05-20", "gemini-2.5-flash"},
           Case{"gemini", "gemini-2.5-flash-preview-09-2025",
                "gemini-2.5-flash"},
           Case{"gemini", "gemini-2.5-pro-exp-03-25", "gemini-2.5-pro"},
           Case{"gemini", "gemini-2.0-flash-001", "gemini-2.0-flash"},
       }) {
    EXPECT_EQ(StripModelVersion(c.provider, c.model), c.family) << c.model;
  }
}

TEST(StripModelVersionTest, LeavesEverythingElseAlone) {
  for (const Case& c : {
           Case{"openai", "gpt-4o-audio-preview", ""},
           Case{"openai", "gpt-4o-mini", ""},
           Case{"openai", "gpt-4-1106-preview", ""},
           Case{"openai", "gpt-4-1234", ""},  // not a date
           Case{"openai", "o1", ""},
           Case{"anthropic", "claude-opus-4-1", ""},
           Case{"anthropic", "claude-3-5-sonnet@2024", ""},
           Case{"gemini", "gemini-3-pro-preview", ""},
           Case{"gemini", "gemini-2.5-flash-preview-13-40", ""},
           Case{"groq", "qwen/qwen3-32b", ""},
           // Four digits are a date only for providers that date that way.
           Case{"together", "Qwen/Qwen3-235B-A22B-Instruct-2507", ""},
           Case{"openai", "gpt-4o-123", ""},
           Case{"openai", "-latest", ""},
           Case{"openai", "", ""},
       }) {
    EXPECT_EQ(StripModelVersion(c.provider, c.model), c.model) << c.model;
  }
}

TEST(StripModelVersionTest, ResultIsASubstringOfTheInput) {
  std::string model = "models/gemini-2.5-flash";
  absl::string_view stripped = StripModelVersion("gemini", model);
  EXPECT_EQ(stripped.data(), model.data() + 7);
}

}  // namespace
}  // namespace literllm
