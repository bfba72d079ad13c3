#include "service/call/call_context.h"

#include <utility>

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

namespace {

// The token of an `authorization: Bearer <token>` value; empty for any
// other scheme.
std::string BearerToken(absl::string_view authorization) {
  authorization = absl::StripAsciiWhitespace(authorization);
  if (authorization.size() < 7 ||
      !absl::EqualsIgnoreCase(authorization.substr(0, 7), "bearer ")) {
    return "";
  }
  return std::string(absl::StripAsciiWhitespace(authorization.substr(7)));
}

}  // namespace

CallContext CallContextFromMetadata(
    Front front, bool stream,
    absl::flat_hash_map<std::string, std::string> metadata) {
  CallContext call;
  call.front = front;
  call.stream = stream;
  call.metadata = std::move(metadata);
  if (auto auth = call.Metadata("authorization")) {
    call.caller_key = BearerToken(*auth);
  } else if (auto key = call.Metadata("x-api-key")) {
    call.caller_key = std::string(absl::StripAsciiWhitespace(*key));
  }
  if (auto traceparent = call.Metadata("traceparent")) {
    if (std::optional<TraceContext> trace = ParseTraceparent(
            *traceparent, call.Metadata("tracestate").value_or(""))) {
      call.trace = *std::move(trace);
    }
  }
  return call;
}

}  // namespace literllm
