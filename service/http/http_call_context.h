#ifndef LITERLLM_SERVICE_HTTP_HTTP_CALL_CONTEXT_H_
#define LITERLLM_SERVICE_HTTP_HTTP_CALL_CONTEXT_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "service/call/call_context.h"

namespace literllm {

// The call context of an HTTP request: its headers as the call's metadata
// (caller key from `authorization: Bearer` or `x-api-key`, `traceparent`,
// `literllm-max-retries`, ...). HTTP callers set no deadline; the server's
// maximum call duration bounds the call.
CallContext HttpCallContext(
    Front front, bool stream,
    absl::flat_hash_map<std::string, std::string> headers);

// `text` with %XX escapes decoded ("openai%2Fgpt-4o" → "openai/gpt-4o");
// a malformed escape is kept as it is.
std::string PercentDecoded(absl::string_view text);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_HTTP_HTTP_CALL_CONTEXT_H_
