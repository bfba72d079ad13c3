#include "service/http/http_exchange.h"

namespace literllm {

std::optional<absl::string_view> HttpRequestData::Header(
    absl::string_view name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

}  // namespace literllm
