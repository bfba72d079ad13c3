#include "providers/provider_errors.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "providers/http/provider_failure.h"

namespace literllm {
namespace {

constexpr size_t kMaxExcerptBytes = 300;
constexpr size_t kMinScrubbedKeyLength = 8;

}  // namespace

std::string ScrubKey(const ProviderConfig& config, std::string text) {
  if (config.api_key.size() >= kMinScrubbedKeyLength) {
    absl::StrReplaceAll({{config.api_key, "[redacted]"}}, &text);
  }
  return text;
}

std::string ErrorBodyExcerpt(absl::string_view body) {
  std::string text = absl::StrJoin(
      absl::StrSplit(body, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty()), " ");
  if (text.empty()) return "empty response body";
  if (text.size() <= kMaxExcerptBytes) return text;
  constexpr absl::string_view kEllipsis = "...";
  size_t end = kMaxExcerptBytes - kEllipsis.size();
  // Back up over UTF-8 continuation bytes so the excerpt stays valid text.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  text.resize(end);
  return absl::StrCat(text, kEllipsis);
}

absl::Status NamedByProvider(absl::string_view provider,
                             const absl::Status& status) {
  return absl::Status(status.code(),
                      absl::StrCat(provider, ": ", status.message()));
}

absl::Status UnparseableStreamEvent(absl::string_view provider,
                                    const absl::Status& why) {
  return ProviderFailure(
      FailureKind::kMalformedAnswer, provider,
      absl::StrCat("could not parse stream event: ", why.message()));
}

}  // namespace literllm
