#ifndef LITERLLM_PROVIDERS_HTTP_PERCENT_DECODING_H_
#define LITERLLM_PROVIDERS_HTTP_PERCENT_DECODING_H_

#include <string>

#include "absl/strings/string_view.h"

namespace literllm {

// `text` with %XX escapes decoded ("openai%2Fgpt-4o" → "openai/gpt-4o");
// a malformed escape is kept as it is.
std::string PercentDecoded(absl::string_view text);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_PERCENT_DECODING_H_
