#ifndef LITERLLM_PROVIDERS_HTTP_URL_PARTS_H_
#define LITERLLM_PROVIDERS_HTTP_URL_PARTS_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace literllm {

// The parts of an absolute http(s) URL, for what needs its host or path
// (a request's signature, a span's server address). Userinfo is dropped: it
// is never signed nor shown.
struct UrlParts {
  std::string scheme;  // lower case
  std::string host;    // lower case; an IPv6 literal keeps its brackets
  std::string port;    // as written; empty when none is
  std::string path;    // from the first '/', without query and fragment
  std::string query;   // after '?', without it

  // The port written, else the scheme's (443 for https, 80 otherwise).
  int PortNumber() const;
  // Whether the port is none or the scheme's own.
  bool DefaultPort() const;
};

// nullopt when `url` has no "scheme://" or no host.
std::optional<UrlParts> SplitUrl(absl::string_view url);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_HTTP_URL_PARTS_H_
