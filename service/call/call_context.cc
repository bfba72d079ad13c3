#include "service/call/call_context.h"

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

}  // namespace literllm
