#include "providers/http/http_request.h"

#include "absl/strings/match.h"

namespace literllm {

absl::string_view HttpResponseHead::Header(absl::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (absl::EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

}  // namespace literllm
