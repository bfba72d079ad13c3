#include "service/http/http_exchange.h"

#include "service/http/openai_json.h"

namespace literllm {

std::optional<absl::string_view> HttpRequestData::Header(
    absl::string_view name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::string HttpHandler::EarlyErrorBody(absl::string_view path, int status,
                                        absl::string_view message) const {
  return OpenAiErrorJson(message, "invalid_request_error", "",
                         status == 413 ? "body_too_large" : "");
}

}  // namespace literllm
