#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "service/redis/redis_client.h"

namespace literllm {
namespace {

constexpr absl::string_view kScheme = "redis://";

absl::Status Bad(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("redis URL: ", what));
}

// `what` names the field; the value itself may be a secret and is never
// echoed back.
absl::StatusOr<std::string> PercentDecode(absl::string_view in,
                                          absl::string_view what) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size() || !absl::ascii_isxdigit(in[i + 1]) ||
        !absl::ascii_isxdigit(in[i + 2])) {
      return Bad(absl::StrCat("bad percent-encoding in the ", what));
    }
    auto hex = [](char c) {
      return absl::ascii_isdigit(c) ? c - '0'
                                    : absl::ascii_tolower(c) - 'a' + 10;
    };
    out.push_back(static_cast<char>(hex(in[i + 1]) * 16 + hex(in[i + 2])));
    i += 2;
  }
  return out;
}

absl::Status ParseUserInfo(absl::string_view userinfo, RedisEndpoint& out) {
  size_t colon = userinfo.find(':');
  if (colon == absl::string_view::npos) {
    return Bad("credentials must be written [user]:password@");
  }
  absl::StatusOr<std::string> user =
      PercentDecode(userinfo.substr(0, colon), "user name");
  if (!user.ok()) return user.status();
  absl::StatusOr<std::string> password =
      PercentDecode(userinfo.substr(colon + 1), "password");
  if (!password.ok()) return password.status();
  if (password->empty()) return Bad("the password after ':' is empty");
  out.username = *std::move(user);
  out.password = *std::move(password);
  return absl::OkStatus();
}

absl::Status ParseHostPort(absl::string_view hostport, RedisEndpoint& out) {
  size_t host_end = hostport.find(':');
  absl::string_view host = hostport.substr(0, host_end);
  if (absl::StartsWith(hostport, "[")) {  // an IPv6 literal: [::1]:6379
    size_t close = hostport.find(']');
    if (close == absl::string_view::npos) return Bad("missing ']' after IPv6");
    host = hostport.substr(1, close - 1);
    host_end = close + 1;
    if (host_end < hostport.size() && hostport[host_end] != ':') {
      return Bad("expected ':port' after ']'");
    }
  }
  if (host.empty()) return Bad("missing host");
  out.host = std::string(host);
  if (host_end < hostport.size()) {
    absl::string_view port = hostport.substr(host_end + 1);
    int value = 0;
    if (!absl::SimpleAtoi(port, &value) || !absl::ascii_isdigit(port[0]) ||
        value < 1 || value > 65535) {
      return Bad(absl::StrCat("port must be 1..65535, got '", port, "'"));
    }
    out.port = value;
  }
  return absl::OkStatus();
}

absl::Status ParseDb(absl::string_view path, RedisEndpoint& out) {
  // `path` is what follows the first '/' after the authority.
  if (path.empty()) return absl::OkStatus();
  int db = 0;
  if (!absl::ascii_isdigit(path[0]) || !absl::SimpleAtoi(path, &db) || db < 0) {
    return Bad(
        absl::StrCat("database must be a number >= 0, got '", path, "'"));
  }
  out.db = db;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RedisEndpoint> ParseRedisUrl(absl::string_view url) {
  if (!absl::StartsWithIgnoreCase(url, kScheme)) {
    // Echo the scheme only when it looks like one (never credentials).
    absl::string_view scheme = url.substr(0, url.find("://"));
    bool plausible =
        scheme.size() < url.size() && !scheme.empty() &&
        std::all_of(scheme.begin(), scheme.end(), [](char c) {
          return absl::ascii_isalnum(c) || c == '+' || c == '-' || c == '.';
        });
    if (!plausible) return Bad("must start with redis://");
    return Bad(absl::StrCat("scheme must be redis://, got '", scheme, "://'"));
  }
  absl::string_view rest = url.substr(kScheme.size());
  RedisEndpoint endpoint;
  // The last '@' ends the credentials, so a password holding a raw '@',
  // '/' or '?' still parses, and no error below can echo part of it.
  size_t at = rest.rfind('@');
  if (at != absl::string_view::npos) {
    absl::Status status = ParseUserInfo(rest.substr(0, at), endpoint);
    if (!status.ok()) return status;
    rest = rest.substr(at + 1);
  }
  if (rest.find_first_of("?#") != absl::string_view::npos) {
    return Bad("query and fragment parts are not supported");
  }
  size_t slash = rest.find('/');
  absl::string_view authority = rest.substr(0, slash);
  absl::string_view path =
      slash == absl::string_view::npos ? "" : rest.substr(slash + 1);
  absl::Status status = ParseHostPort(authority, endpoint);
  if (!status.ok()) return status;
  status = ParseDb(path, endpoint);
  if (!status.ok()) return status;
  return endpoint;
}

}  // namespace literllm
