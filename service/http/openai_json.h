#ifndef LITERLLM_SERVICE_HTTP_OPENAI_JSON_H_
#define LITERLLM_SERVICE_HTTP_OPENAI_JSON_H_

#include <string>

#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// The gateway's answers in the JSON OpenAI's API and SDKs use, written
// straight from the protos with RapidJSON's writer: numbers stay numbers
// (`created` an integer), `content` and `finish_reason` are null where
// OpenAI sends null, fields OpenAI omits are omitted, and the gateway's
// `estimated_cost_usd` and `provider` ride at the top level.

// A `chat.completion` object.
std::string OpenAiCompletionJson(const v1::ChatCompletionResponse& response);

// A `chat.completion.chunk` object. With `include_usage` (the request's
// stream_options.include_usage) every chunk has `usage`: null, except the
// final one, which carries the counts.
std::string OpenAiChunkJson(const v1::ChatCompletionChunk& chunk,
                            bool include_usage);

// {"object":"list","data":[{"id","object":"model","created","owned_by"}]},
// owned_by being the provider that serves the model.
std::string OpenAiModelListJson(const v1::ListModelsResponse& models);
// One model object.
std::string OpenAiModelJson(const v1::Model& model);

// {"error":{"message","type","param","code"}}; an empty param or code is
// null.
std::string OpenAiErrorJson(absl::string_view message, absl::string_view type,
                            absl::string_view param, absl::string_view code);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_OPENAI_JSON_H_
