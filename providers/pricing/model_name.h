#ifndef LITERLLM_PROVIDERS_PRICING_MODEL_NAME_H_
#define LITERLLM_PROVIDERS_PRICING_MODEL_NAME_H_

#include "absl/strings/string_view.h"

namespace literllm {

// Removes one version marker that `provider` puts on the names it returns, so
// that a dated or versioned name can be priced as its family:
//   a `models/` prefix (Gemini)            models/gemini-2.5-flash
//   `-latest`                              claude-3-7-sonnet-latest
//   `@YYYYMMDD` (Vertex AI)                claude-3-5-sonnet@20240620
//   `-YYYY-MM-DD`                          gpt-4o-2024-08-06
//   `-YYYYMMDD`                            claude-sonnet-4-5-20250929
//   `-preview-MM-DD`, `-preview-MM-YYYY`,
//   `-exp-MM-DD`                           gemini-2.5-flash-preview-05-20
//   `-MMDD` / `-YYMM` (openai, azure, xai, mistral only)
//                                          grok-4-0709, mistral-large-2411
//   `-NNN` (gemini only)                   gemini-2.0-flash-001
// Dates must look like dates (month 01-12, day 01-31). Returns `model`
// unchanged when nothing is recognised; the result is always a substring of
// `model`, so stripping never allocates. Nothing else is ever removed:
// `gpt-4o-audio-preview` stays itself and is not gpt-4o.
absl::string_view StripModelVersion(absl::string_view provider,
                                    absl::string_view model);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_PRICING_MODEL_NAME_H_
