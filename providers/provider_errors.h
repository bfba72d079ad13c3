#ifndef LITERLLM_PROVIDERS_PROVIDER_ERRORS_H_
#define LITERLLM_PROVIDERS_PROVIDER_ERRORS_H_

// Helpers every codec uses to turn a provider's failure into a status.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "providers/provider.h"

namespace literllm {

// `text` with the provider's key replaced by "[redacted]", should a server
// echo it. Keys shorter than 8 characters (placeholders like "ollama") are
// left alone so ordinary words are not blanked; the service's SecretRedactor
// still guards every status that leaves the process.
std::string ScrubKey(const ProviderConfig& config, std::string text);

// A non-JSON error body as one line of at most 300 bytes, cut on a UTF-8
// character boundary; "empty response body" when there is nothing.
std::string ErrorBodyExcerpt(absl::string_view body);

// `status` with its message prefixed by "<provider>: ".
absl::Status NamedByProvider(absl::string_view provider,
                             const absl::Status& status);

// INTERNAL "<provider>: could not parse stream event: <why>".
absl::Status UnparseableStreamEvent(absl::string_view provider,
                                    const absl::Status& why);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_PROVIDER_ERRORS_H_
