// Signs every case of sigv4_cases.json with literllm's SigV4 signer and
// prints the headers it adds, in botocore_sign.py's format, for
// run_test.sh to compare. Usage: sigv4_print CASES_JSON
#include <cstdio>
#include <iostream>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "providers/bedrock/sigv4.h"
#include "simdjson.h"

namespace literllm {
namespace {

// A case's string field, or `fallback` when absent (botocore_sign.py has
// the same defaults).
std::string Field(simdjson::dom::object c, const char* key,
                  absl::string_view fallback = "") {
  std::string_view value;
  if (c[key].get(value) != simdjson::SUCCESS) return std::string(fallback);
  return std::string(value);
}

int PrintCase(simdjson::dom::object c) {
  SigV4Request request;
  request.method = Field(c, "method");
  request.url = Field(c, "url");
  request.body = Field(c, "body");
  for (simdjson::dom::array header : c["headers"].get_array()) {
    std::string_view name, value;
    if (header.at(0).get(name) || header.at(1).get(value)) return 1;
    request.headers.emplace_back(name, value);
  }
  AwsCredentials credentials{
      Field(c, "access_key_id", "AKIAIOSFODNN7EXAMPLE"),
      Field(c, "secret_access_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
      Field(c, "session_token")};
  SigV4Scope scope{Field(c, "region"), Field(c, "service", "bedrock"),
                   absl::InfinitePast()};
  std::string error;
  if (!absl::ParseTime("%E4Y%m%dT%H%M%SZ", Field(c, "time"),
                       absl::UTCTimeZone(), &scope.time, &error)) {
    std::cerr << "bad time: " << error << "\n";
    return 1;
  }
  std::cout << Field(c, "name") << "\n";
  absl::StatusOr<SigV4Signature> signature =
      SignV4(request, credentials, scope);
  if (!signature.ok()) {
    std::cout << "  error: " << signature.status() << "\n";
    return 1;
  }
  for (const auto& [name, value] : signature->headers_to_add) {
    std::cout << "  " << name << ": " << value << "\n";
  }
  return 0;
}

}  // namespace
}  // namespace literllm

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: sigv4_print CASES_JSON\n";
    return 2;
  }
  simdjson::dom::parser parser;
  simdjson::dom::array cases;
  if (auto error = parser.load(argv[1]).get(cases); error) {
    std::cerr << "sigv4_print: " << argv[1] << ": " << error << "\n";
    return 2;
  }
  int failures = 0;
  for (simdjson::dom::object c : cases) failures += literllm::PrintCase(c);
  return failures == 0 ? 0 : 1;
}
