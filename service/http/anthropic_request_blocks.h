#ifndef LITERLLM_SERVICE_HTTP_ANTHROPIC_REQUEST_BLOCKS_H_
#define LITERLLM_SERVICE_HTTP_ANTHROPIC_REQUEST_BLOCKS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/json/json_reader.h"

namespace literllm {

// The content of Anthropic Messages API turns in the gateway's v1 form.
// Errors are INVALID_ARGUMENT naming the member, e.g.
// "messages[1].content[0].source.type: ...".
//
// - text, image (base64 → a data: URI, url → the URL) and document blocks
//   (base64 PDF → a data: URI, plain text → text) become content parts,
//   each with its cache_control; a lone text block without one becomes
//   plain `content`, which every provider takes.
// - A user turn's tool_result blocks become `tool` messages, first and in
//   order (content, is_error, cache_control kept), then its other blocks one
//   user message: the order OpenAI-shaped providers require.
// - An assistant turn's tool_use blocks become tool_calls (input as the
//   arguments string), thinking and redacted_thinking blocks
//   thinking_blocks with their signatures, text blocks its content.
// - Other block types (server tools, search results, ...) are rejected:
//   the v1 form has no place for them.

// One turn {"role": "user"|"assistant", "content": string or blocks},
// appended to `out` as the messages it becomes.
absl::Status ReadAnthropicTurn(
    simdjson::dom::element turn, const std::string& path,
    google::protobuf::RepeatedPtrField<v1::Message>& out);

// `system`, a string or text blocks, as one system message.
absl::Status ReadAnthropicSystem(simdjson::dom::element system,
                                 v1::Message& out);

// A block's (or tool's) "cache_control", when it has one; a mismatch is
// recorded in `block`.
std::optional<v1::CacheControl> ReadCacheControl(JsonObjectReader& block);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_ANTHROPIC_REQUEST_BLOCKS_H_
