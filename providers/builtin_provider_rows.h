#ifndef LITERLLM_PROVIDERS_BUILTIN_PROVIDER_ROWS_H_
#define LITERLLM_PROVIDERS_BUILTIN_PROVIDER_ROWS_H_

#include <memory>
#include <vector>

#include "absl/strings/string_view.h"
#include "providers/builtin_providers.h"

// How the built-in provider table is written: one builder per kind of row,
// so that each row of builtin_providers.cc and builtin_providers_long_tail.cc
// is one expression. Only the table's files include this header.
namespace literllm::provider_rows {

// An OpenAI-compatible server: key in `<NAME>_API_KEY`, base URL overridden
// by `<NAME>_BASE_URL`; "" as `base_url` when it must be configured.
BuiltinProvider Compatible(absl::string_view name, absl::string_view base_url,
                           OpenAiDialect dialect = {});

// A server on the caller's own machines: a key is optional.
BuiltinProvider Local(absl::string_view name, absl::string_view base_url,
                      OpenAiDialect dialect = {});

// A provider with its own codec.
BuiltinProvider Native(absl::string_view name, absl::string_view base_url,
                       std::unique_ptr<Provider> (*make)(ProviderConfig),
                       absl::string_view alternate_key_env = "");

// `kind`, also reading its key from the variable its own SDK or docs name
// (`HF_TOKEN`, `SCW_SECRET_KEY`, ...) when `<NAME>_API_KEY` is unset.
BuiltinProvider AlsoKeyFrom(BuiltinProvider kind, absl::string_view env);

// Mistral's API: the `mistral` row and Mistral's other endpoints share it.
OpenAiDialect MistralDialect();

// Servers that know only `max_tokens`: `max_completion_tokens` is sent so.
OpenAiDialect MaxTokensOnly();

// The OpenAI-compatible providers beyond the first fifteen, in the order
// docs/providers.md lists them.
std::vector<BuiltinProvider> LongTailProviders();

}  // namespace literllm::provider_rows

#endif  // LITERLLM_PROVIDERS_BUILTIN_PROVIDER_ROWS_H_
