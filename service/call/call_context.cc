#include "service/call/call_context.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace literllm {

absl::string_view FrontName(Front front) {
  switch (front) {
    case Front::kGrpc:
      return "grpc";
    case Front::kOpenAiHttp:
      return "openai";
    case Front::kAnthropicHttp:
      return "anthropic";
  }
  return "unknown";
}

std::optional<absl::string_view> CallContext::Metadata(
    absl::string_view name) const {
  auto it = metadata.find(name);
  if (it == metadata.end()) return std::nullopt;
  return it->second;
}

std::string BearerToken(absl::string_view authorization) {
  authorization = absl::StripAsciiWhitespace(authorization);
  if (authorization.size() < 7 ||
      !absl::EqualsIgnoreCase(authorization.substr(0, 7), "bearer ")) {
    return "";
  }
  return std::string(absl::StripAsciiWhitespace(authorization.substr(7)));
}

}  // namespace literllm
