#include "providers/bedrock/sigv4.h"

#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "providers/http/percent_decoding.h"
#include "providers/http/url_parts.h"

namespace literllm {
namespace {

constexpr absl::string_view kAlgorithm = "AWS4-HMAC-SHA256";

// Headers botocore never signs: hop-by-hop ones a proxy may change and
// tracing ones added after signing.
constexpr absl::string_view kUnsignedHeaders[] = {
    "baggage", "connection", "expect", "keep-alive", "proxy-authenticate",
    "proxy-authorization", "te", "traceparent", "tracestate", "trailer",
    "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    // Replaced by what this signature adds.
    "authorization", "x-amz-date", "x-amz-security-token"};

// The URL's parts as SigV4 reads them: the host with its port unless that
// is the scheme's own.
struct ParsedUrl {
  std::string host;
  std::string path;
  std::string query;
};

absl::StatusOr<ParsedUrl> ParseUrl(absl::string_view url) {
  std::optional<UrlParts> parts = SplitUrl(url);
  if (!parts.has_value()) {
    return absl::InvalidArgumentError(url.find("://") == absl::string_view::npos
                                          ? "SigV4: the URL has no scheme"
                                          : "SigV4: the URL has no host");
  }
  ParsedUrl parsed;
  parsed.host = parts->DefaultPort()
                    ? parts->host
                    : absl::StrCat(parts->host, ":", parts->port);
  parsed.path = std::move(parts->path);
  parsed.query = std::move(parts->query);
  return parsed;
}

// The path with empty and dot segments removed (botocore's
// normalize_url_path), then URI-encoded once more. The path is already
// encoded on the wire, so an encoded byte is encoded twice: a model id's
// ':' is %3A in the URL and %253A here. That is the SigV4 rule for every
// service but S3, and what botocore signs for Bedrock.
std::string CanonicalUri(absl::string_view path) {
  std::vector<absl::string_view> segments;
  for (absl::string_view segment : absl::StrSplit(path, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string normalized = absl::StrCat("/", absl::StrJoin(segments, "/"));
  if (!segments.empty() && path.back() == '/') normalized += '/';
  return AwsUriEncode(normalized, /*keep_slash=*/true);
}

// Name=value pairs, each side decoded and re-encoded so that any encoding
// of the same query signs the same, sorted by name then value.
std::string CanonicalQuery(absl::string_view query) {
  if (query.empty()) return "";
  std::vector<std::pair<std::string, std::string>> pairs;
  for (absl::string_view pair : absl::StrSplit(query, '&')) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(pair, absl::MaxSplits('=', 1));
    pairs.emplace_back(AwsUriEncode(PercentDecoded(kv.first)),
                       AwsUriEncode(PercentDecoded(kv.second)));
  }
  std::sort(pairs.begin(), pairs.end());
  return absl::StrJoin(pairs, "&", absl::PairFormatter("="));
}

// Trims a header value and folds inner runs of whitespace into one space.
std::string TrimAll(absl::string_view value) {
  return absl::StrJoin(
      absl::StrSplit(value, absl::ByAnyChar(" \t\r\n\f\v"), absl::SkipEmpty()),
      " ");
}

bool IsUnsigned(absl::string_view lower_name) {
  return std::find(std::begin(kUnsignedHeaders), std::end(kUnsignedHeaders),
                   lower_name) != std::end(kUnsignedHeaders);
}

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

std::string HmacSha256(absl::string_view key, absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest,
       &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

// The headers part of a canonical request.
struct CanonicalHeaders {
  std::string lines;         // "name:value\n" per header, sorted by name
  std::string signed_names;  // "name;name..."
  std::string payload_hash;  // a given X-Amz-Content-Sha256, else ""
};

// Lower-cases names, trims values, joins repeated headers with ',' in request
// order, and adds Host (unless given) and `added`.
CanonicalHeaders Canonicalize(const HttpHeaderList& given,
                              absl::string_view host,
                              const HttpHeaderList& added) {
  CanonicalHeaders result;
  std::map<std::string, std::vector<std::string>> headers;
  for (const auto& [name, value] : given) {
    std::string lower = absl::AsciiStrToLower(name);
    if (IsUnsigned(lower)) continue;
    if (lower == "x-amz-content-sha256") result.payload_hash = value;
    headers[lower].push_back(TrimAll(value));
  }
  if (headers.count("host") == 0) headers["host"].push_back(std::string(host));
  for (const auto& [name, value] : added) {
    headers[absl::AsciiStrToLower(name)].push_back(value);
  }
  std::vector<absl::string_view> names;
  for (const auto& [name, values] : headers) {
    absl::StrAppend(&result.lines, name, ":", absl::StrJoin(values, ","), "\n");
    names.push_back(name);
  }
  result.signed_names = absl::StrJoin(names, ";");
  return result;
}

// HMAC chain from the secret over date, region, service and "aws4_request".
std::string SigningKey(absl::string_view secret, absl::string_view date,
                       const SigV4Scope& scope) {
  std::string key = HmacSha256(absl::StrCat("AWS4", secret), date);
  for (absl::string_view part :
       {absl::string_view(scope.region), absl::string_view(scope.service),
        absl::string_view("aws4_request")}) {
    key = HmacSha256(key, part);
  }
  return key;
}

}  // namespace

std::string AwsUriEncode(absl::string_view value, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' ||
        c == '~' || (keep_slash && c == '/')) {
      out.push_back(c);
    } else {
      auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    }
  }
  return out;
}

absl::StatusOr<SigV4Signature> SignV4(const SigV4Request& request,
                                      const AwsCredentials& credentials,
                                      const SigV4Scope& scope) {
  if (credentials.access_key_id.empty() ||
      credentials.secret_access_key.empty()) {
    return absl::InvalidArgumentError(
        "SigV4: the access key id or the secret access key is empty");
  }
  if (scope.region.empty() || scope.service.empty()) {
    return absl::InvalidArgumentError("SigV4: no region or service to sign");
  }
  absl::StatusOr<ParsedUrl> url = ParseUrl(request.url);
  if (!url.ok()) return url.status();

  SigV4Signature result;
  const std::string amz_date =
      absl::FormatTime("%Y%m%dT%H%M%SZ", scope.time, absl::UTCTimeZone());
  result.headers_to_add.emplace_back("X-Amz-Date", amz_date);
  if (!credentials.session_token.empty()) {
    result.headers_to_add.emplace_back("X-Amz-Security-Token",
                                       credentials.session_token);
  }

  CanonicalHeaders headers =
      Canonicalize(request.headers, url->host, result.headers_to_add);
  if (headers.payload_hash.empty()) {
    headers.payload_hash = Sha256Hex(request.body);
  }
  result.canonical_request =
      absl::StrJoin({absl::AsciiStrToUpper(request.method),
                     CanonicalUri(url->path), CanonicalQuery(url->query),
                     headers.lines, headers.signed_names, headers.payload_hash},
                    "\n");

  const std::string date = amz_date.substr(0, 8);
  const std::string credential_scope = absl::StrJoin(
      {date, scope.region, scope.service, std::string("aws4_request")}, "/");
  result.string_to_sign =
      absl::StrJoin({std::string(kAlgorithm), amz_date, credential_scope,
                     Sha256Hex(result.canonical_request)},
                    "\n");
  result.signature = absl::BytesToHexString(
      HmacSha256(SigningKey(credentials.secret_access_key, date, scope),
                 result.string_to_sign));
  result.headers_to_add.emplace_back(
      "Authorization",
      absl::StrCat(kAlgorithm, " Credential=", credentials.access_key_id, "/",
                   credential_scope, ", SignedHeaders=", headers.signed_names,
                   ", Signature=", result.signature));
  return result;
}

}  // namespace literllm
