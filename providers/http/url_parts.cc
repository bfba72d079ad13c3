#include "providers/http/url_parts.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace literllm {

int UrlParts::PortNumber() const {
  int number = 0;
  if (!port.empty() && absl::SimpleAtoi(port, &number)) return number;
  return scheme == "https" ? 443 : 80;
}

bool UrlParts::DefaultPort() const {
  return port.empty() || (scheme == "https" && port == "443") ||
         (scheme == "http" && port == "80");
}

std::optional<UrlParts> SplitUrl(absl::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == absl::string_view::npos) return std::nullopt;
  UrlParts parts;
  parts.scheme = absl::AsciiStrToLower(url.substr(0, scheme_end));
  url.remove_prefix(scheme_end + 3);
  const size_t authority_end = std::min(url.find_first_of("/?#"), url.size());
  absl::string_view authority = url.substr(0, authority_end);
  url.remove_prefix(authority_end);
  if (size_t at = authority.rfind('@'); at != absl::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  // The port follows the last ':' unless that is inside an IPv6 literal.
  const size_t colon = authority.rfind(':');
  if (colon != absl::string_view::npos &&
      authority.find(']', colon) == absl::string_view::npos) {
    parts.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return std::nullopt;
  parts.host = absl::AsciiStrToLower(authority);
  url = url.substr(0, std::min(url.find('#'), url.size()));
  const size_t query_start = std::min(url.find('?'), url.size());
  parts.path = std::string(url.substr(0, query_start));
  if (query_start < url.size()) {
    parts.query = std::string(url.substr(query_start + 1));
  }
  return parts;
}

}  // namespace literllm
