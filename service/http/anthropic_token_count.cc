#include "service/http/anthropic_token_count.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "providers/json/json_writer.h"
#include "service/http/anthropic_errors.h"

namespace literllm {
namespace {

constexpr absl::string_view kJson = "application/json";
// Counting is one short request; a provider that takes longer is down.
constexpr absl::Duration kTimeout = absl::Seconds(30);
constexpr int64_t kImageTokens = 1600;

size_t StructChars(const google::protobuf::Struct& schema) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  WriteStruct(schema, w);
  return buffer.GetSize();
}

}  // namespace

int64_t EstimateInputTokens(const v1::ChatCompletionRequest& request) {
  size_t chars = 0;
  int64_t images = 0;
  for (const v1::Message& message : request.messages()) {
    chars += message.content().size();
    for (const v1::ContentPart& part : message.content_parts()) {
      chars += part.text().size();
      if (part.type() == "image_url") ++images;
    }
    for (const v1::ToolCall& call : message.tool_calls()) {
      chars +=
          call.function().name().size() + call.function().arguments().size();
    }
    for (const v1::ThinkingBlock& block : message.thinking_blocks()) {
      chars += block.thinking().size();
    }
  }
  for (const v1::Tool& tool : request.tools()) {
    const v1::FunctionDefinition& function = tool.function();
    chars += function.name().size() + function.description().size() +
             StructChars(function.parameters());
  }
  return static_cast<int64_t>((chars + 3) / 4) + images * kImageTokens;
}

void AnthropicTokenCount::Start(const CallServices& services,
                                const SecretRedactor& redactor,
                                CallContext context,
                                v1::ChatCompletionRequest request,
                                std::shared_ptr<HttpResponder> responder) {
  auto count = std::make_shared<AnthropicTokenCount>(
      services, redactor, std::move(context), std::move(request),
      std::move(responder));
  count->self_ = count;
  count->responder_->OnClientGone(
      [weak = std::weak_ptr<AnthropicTokenCount>(count)] {
        if (auto alive = weak.lock()) alive->transfer_.Cancel();
      });
  // The policies may answer on another thread, and keep `context_` until.
  services.policies.AdmitListing(count->context_, [count](absl::Status status) {
    count->Admitted(status);
  });
}

AnthropicTokenCount::AnthropicTokenCount(
    const CallServices& services, const SecretRedactor& redactor,
    CallContext context, v1::ChatCompletionRequest request,
    std::shared_ptr<HttpResponder> responder)
    : services_(services),
      redactor_(redactor),
      context_(std::move(context)),
      request_(std::move(request)),
      responder_(std::move(responder)),
      transfer_(services.transport) {}

void AnthropicTokenCount::Admitted(const absl::Status& status) {
  if (!status.ok()) return Fail(status);
  if (!services_.policies.Shows(context_, request_.model())) {
    return Fail(absl::PermissionDeniedError(
        absl::StrCat("API key '", context_.caller_id, "' may not use model '",
                     request_.model(), "'")));
  }
  absl::StatusOr<ChatRoute> route =
      RouteChat(services_.providers, services_.balancer, request_);
  if (!route.ok()) return Fail(route.status());
  const CallTarget& target = route->targets.front();
  const TokenCountCodec* codec = target.provider->token_count();
  if (codec == nullptr) return Answer(EstimateInputTokens(request_), true);
  Ask(target, *codec);
}

void AnthropicTokenCount::Ask(const CallTarget& target,
                              const TokenCountCodec& codec) {
  absl::StatusOr<HttpRequest> http =
      codec.BuildCountTokensRequest(request_, target.model);
  if (!http.ok()) return Fail(http.status());
  target.provider->chat()->AddCallerHeaders(context_.metadata, *http);
  provider_ = target.provider;
  codec_ = &codec;
  // The transfer may complete (and release self_) before Start returns.
  std::shared_ptr<AnthropicTokenCount> keep = shared_from_this();
  transfer_.Start(*std::move(http), absl::Now() + kTimeout, this);
}

HttpResponseHandler::BodyAction AnthropicTokenCount::OnBody(
    absl::string_view bytes) {
  if (body_.size() + bytes.size() > kMaxBodyBytes) return BodyAction::kAbort;
  body_.append(bytes.data(), bytes.size());
  return BodyAction::kContinue;
}

void AnthropicTokenCount::OnComplete(absl::Status status) {
  if (!status.ok()) return Fail(status);
  if (!head_.ok()) return Fail(provider_->ParseError(head_, body_));
  absl::StatusOr<int64_t> tokens = codec_->ParseCountTokens(body_);
  if (!tokens.ok()) return Fail(tokens.status());
  Answer(*tokens, false);
}

void AnthropicTokenCount::Answer(int64_t tokens, bool estimate) {
  std::shared_ptr<AnthropicTokenCount> self = std::move(self_);
  HttpHeaderList headers;
  if (estimate) headers.emplace_back("x-literllm-estimate", "true");
  responder_->Respond(200, kJson,
                      absl::StrCat(R"({"input_tokens":)", tokens, "}"),
                      std::move(headers));
}

void AnthropicTokenCount::Fail(const absl::Status& status) {
  std::shared_ptr<AnthropicTokenCount> self = std::move(self_);
  AnthropicError error = AnthropicErrorFor(status);
  HttpHeaderList headers;
  if (error.retry_after) {
    headers.emplace_back("retry-after", redactor_.Redact(*error.retry_after));
  }
  responder_->Respond(
      error.http_status, kJson,
      AnthropicErrorJson(error.type, redactor_.Redact(status.message())),
      std::move(headers));
}

}  // namespace literllm
