#include "service/telemetry/secret_redactor.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"

namespace literllm {
namespace {

// Secrets shorter than this are not matched by prefix/suffix: too many false
// positives, and real provider keys are far longer.
constexpr size_t kMinEchoMatchLength = 16;

bool IsTokenChar(char c) {
  return c != ' ' && c != '\t' && c != '\n' && c != '"' && c != '\'' &&
         c != ',' && c != '(' && c != ')';
}

}  // namespace

SecretRedactor::SecretRedactor(std::vector<std::string> secrets) {
  for (std::string& s : secrets) {
    if (!s.empty()) secrets_.push_back(std::move(s));
  }
}

bool SecretRedactor::IsEcho(absl::string_view token) const {
  for (const std::string& secret : secrets_) {
    if (secret.size() < kMinEchoMatchLength) continue;
    absl::string_view s(secret);
    if (absl::StartsWith(token, s.substr(0, 8))) return true;
    if (absl::StrContains(token, "***") &&
        absl::StrContains(token, s.substr(s.size() - 4))) {
      return true;
    }
  }
  return false;
}

std::string SecretRedactor::Redact(absl::string_view text) const {
  if (secrets_.empty()) return std::string(text);
  std::string exact(text);
  for (const std::string& secret : secrets_) {
    absl::StrReplaceAll({{secret, kMask}}, &exact);
  }
  std::string out;
  out.reserve(exact.size());
  size_t i = 0;
  while (i < exact.size()) {
    if (!IsTokenChar(exact[i])) {
      out.push_back(exact[i++]);
      continue;
    }
    size_t end = i;
    while (end < exact.size() && IsTokenChar(exact[end])) ++end;
    // A sentence's full stop is not part of the token.
    while (end > i + 1 && (exact[end - 1] == '.' || exact[end - 1] == ';'))
      --end;
    absl::string_view token(exact.data() + i, end - i);
    if (IsEcho(token)) {
      out.append(kMask.data(), kMask.size());
    } else {
      out.append(token.data(), token.size());
    }
    i = end;
  }
  return out;
}

}  // namespace literllm
