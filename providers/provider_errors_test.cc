#include "providers/provider_errors.h"

#include <string>

#include "gtest/gtest.h"

namespace literllm {
namespace {

TEST(ErrorBodyExcerptTest, CollapsesWhitespace) {
  EXPECT_EQ(ErrorBodyExcerpt("  Bad\r\n\tGateway \n"), "Bad Gateway");
  EXPECT_EQ(ErrorBodyExcerpt(" \n "), "empty response body");
}

TEST(ErrorBodyExcerptTest, CutsOnACharacterBoundary) {
  std::string body = std::string(296, 'a') + "é" + std::string(50, 'b');
  std::string excerpt = ErrorBodyExcerpt(body);
  EXPECT_EQ(excerpt, std::string(296, 'a') + "...");
  EXPECT_EQ(ErrorBodyExcerpt(std::string(300, 'c')), std::string(300, 'c'));
  EXPECT_EQ(ErrorBodyExcerpt(std::string(301, 'c')).size(), 300u);
}

TEST(ScrubKeyTest, RemovesKeysButNotShortPlaceholders) {
  ProviderConfig config{"openai", "sk-0123456789", ""};
  EXPECT_EQ(ScrubKey(config, "bad key sk-0123456789!"), "bad key [redacted]!");
  ProviderConfig placeholder{"ollama", "ollama", ""};
  EXPECT_EQ(ScrubKey(placeholder, "ollama says no"), "ollama says no");
}

TEST(UnparseableStreamEventTest, NamesProvider) {
  absl::Status status =
      UnparseableStreamEvent("gemini", absl::InvalidArgumentError("bad JSON"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(status.message(), "gemini: could not parse stream event: bad JSON");
}

}  // namespace
}  // namespace literllm
