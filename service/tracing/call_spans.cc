#include "service/tracing/call_spans.h"

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "providers/http/provider_failure.h"
#include "service/tracing/genai_messages.h"

namespace literllm {
namespace {

// The request parameters the caller set, as gen_ai.request.* attributes.
void AddRequestParameters(const v1::ChatCompletionRequest& request,
                          Span& span) {
  if (request.has_temperature()) {
    span.Add("gen_ai.request.temperature", request.temperature());
  }
  if (request.has_top_p()) span.Add("gen_ai.request.top_p", request.top_p());
  if (request.has_max_completion_tokens()) {
    span.Add("gen_ai.request.max_tokens",
             int64_t{request.max_completion_tokens()});
  } else if (request.has_max_tokens()) {
    span.Add("gen_ai.request.max_tokens", int64_t{request.max_tokens()});
  }
  if (request.has_presence_penalty()) {
    span.Add("gen_ai.request.presence_penalty", request.presence_penalty());
  }
  if (request.has_frequency_penalty()) {
    span.Add("gen_ai.request.frequency_penalty", request.frequency_penalty());
  }
  if (request.has_seed()) span.Add("gen_ai.request.seed", request.seed());
  if (request.stop_size() > 0) {
    span.Add(
        "gen_ai.request.stop_sequences",
        std::vector<std::string>(request.stop().begin(), request.stop().end()));
  }
  // The conventions ask for the choice count only when it is not 1.
  if (request.has_n() && request.n() != 1) {
    span.Add("gen_ai.request.choice.count", int64_t{request.n()});
  }
}

void AddUsage(const CallOutcome& outcome, Span& span) {
  if (outcome.usage.has_value()) {
    const v1::Usage& usage = *outcome.usage;
    span.Add("gen_ai.usage.input_tokens", int64_t{usage.prompt_tokens()});
    span.Add("gen_ai.usage.output_tokens", int64_t{usage.completion_tokens()});
    const auto& details = usage.prompt_tokens_details();
    if (details.cached_tokens() > 0) {
      span.Add("gen_ai.usage.cache_read.input_tokens",
               int64_t{details.cached_tokens()});
    }
    if (details.cache_creation_tokens() > 0) {
      span.Add("gen_ai.usage.cache_creation.input_tokens",
               int64_t{details.cache_creation_tokens()});
    }
  }
  if (outcome.cost_usd.has_value()) {
    span.Add("gen_ai.usage.cost", *outcome.cost_usd);
  }
}

void AddResponse(const CallOutcome& outcome, Span& span) {
  if (!outcome.response_model.empty()) {
    span.Add("gen_ai.response.model", outcome.response_model);
  }
  if (!outcome.response_id.empty()) {
    span.Add("gen_ai.response.id", outcome.response_id);
  }
  if (!outcome.finish_reasons.empty()) {
    span.Add("gen_ai.response.finish_reasons", outcome.finish_reasons);
  }
  if (outcome.context->stream && outcome.time_to_first_token.has_value()) {
    span.Add("gen_ai.response.time_to_first_chunk",
             absl::ToDoubleSeconds(*outcome.time_to_first_token));
  }
}

void AddServer(const AttemptRecord& attempt, Span& span) {
  if (attempt.server_address.empty()) return;
  span.Add("server.address", attempt.server_address);
  if (attempt.server_port > 0) {
    span.Add("server.port", int64_t{attempt.server_port});
  }
}

void AddContent(const CallOutcome& outcome, Span& span) {
  if (outcome.request != nullptr) {
    span.Add("gen_ai.input.messages", InputMessagesJson(*outcome.request));
  }
  if (outcome.status.ok()) {
    span.Add(
        "gen_ai.output.messages",
        OutputMessagesJson(outcome.completion_text, outcome.finish_reasons));
  }
}

void SetError(absl::string_view type, const absl::Status& status, Span& span) {
  span.Add("error.type", type);
  span.status = SpanStatus::kError;
  span.status_message = std::string(status.message());
}

Span ServerSpan(const CallOutcome& outcome,
                const GenAiProviderNames& provider_names) {
  const CallContext& context = *outcome.context;
  Span span;
  span.trace_id = context.trace.trace_id;
  span.span_id = context.trace.span_id;
  span.parent_span_id = context.trace.parent_span_id;
  span.parent_is_remote = !span.parent_span_id.empty();
  span.trace_state = context.trace.tracestate;
  span.name =
      outcome.model.empty() ? "chat" : absl::StrCat("chat ", outcome.model);
  span.kind = SpanKind::kServer;
  span.start = outcome.start;
  span.end = outcome.start + outcome.latency;
  span.attributes.reserve(24);
  span.Add("gen_ai.operation.name", "chat");
  if (!outcome.provider.empty()) {
    span.Add("gen_ai.provider.name", provider_names.Of(outcome.provider));
  }
  if (!outcome.model.empty()) {
    span.Add("gen_ai.request.model", outcome.model);
  }
  if (outcome.request != nullptr) {
    AddRequestParameters(*outcome.request, span);
  }
  AddResponse(outcome, span);
  AddUsage(outcome, span);
  if (!outcome.attempt_log.empty()) AddServer(outcome.attempt_log.back(), span);
  span.Add("literllm.front", FrontName(context.front));
  const std::string& caller =
      context.caller != nullptr ? context.caller->name : context.caller_id;
  if (!caller.empty()) span.Add("literllm.caller", caller);
  if (!outcome.deployment.empty()) {
    span.Add("literllm.deployment", outcome.deployment);
  }
  span.Add("literllm.attempts", int64_t{outcome.attempts});
  span.Add("literllm.stream", context.stream);
  if (context.capture_content) AddContent(outcome, span);
  if (!outcome.status.ok()) {
    SetError(absl::StatusCodeToString(outcome.status.code()), outcome.status,
             span);
  }
  return span;
}

// "openai/gpt-4o" → "gpt-4o": the model as the provider was asked for it.
absl::string_view UpstreamModel(absl::string_view deployment) {
  size_t slash = deployment.find('/');
  return slash == absl::string_view::npos ? deployment
                                          : deployment.substr(slash + 1);
}

Span AttemptSpan(const Span& server, const AttemptRecord& attempt, int number,
                 const GenAiProviderNames& provider_names) {
  Span span;
  span.trace_id = server.trace_id;
  span.span_id = attempt.span_id;
  span.parent_span_id = server.span_id;
  span.trace_state = server.trace_state;
  absl::string_view model = UpstreamModel(attempt.deployment);
  span.name = absl::StrCat("chat ", model);
  span.kind = SpanKind::kClient;
  span.start = attempt.start;
  // An attempt cut short by the call's end has no end of its own.
  span.end = attempt.end == absl::Time() ? server.end : attempt.end;
  span.attributes.reserve(10);
  span.Add("gen_ai.operation.name", "chat");
  span.Add("gen_ai.provider.name", provider_names.Of(attempt.provider));
  span.Add("gen_ai.request.model", model);
  span.Add("http.request.method", "POST");
  if (attempt.http_status > 0) {
    span.Add("http.response.status_code", int64_t{attempt.http_status});
  }
  AddServer(attempt, span);
  span.Add("literllm.attempt", int64_t{number});
  span.Add("literllm.deployment", attempt.deployment);
  if (!attempt.status.ok()) {
    SetError(FailureKindName(FailureKindOf(attempt.status)), attempt.status,
             span);
  }
  return span;
}

}  // namespace

std::vector<Span> CallSpans(const CallOutcome& outcome,
                            const GenAiProviderNames& provider_names) {
  std::vector<Span> spans;
  spans.reserve(1 + outcome.attempt_log.size());
  spans.push_back(ServerSpan(outcome, provider_names));
  int number = 0;
  for (const AttemptRecord& attempt : outcome.attempt_log) {
    ++number;
    if (attempt.span_id.empty()) continue;  // started before tracing was on
    spans.push_back(
        AttemptSpan(spans.front(), attempt, number, provider_names));
  }
  return spans;
}

}  // namespace literllm
