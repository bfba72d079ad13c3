#include "service/keys/key_rules.h"

#include <cmath>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace literllm {

absl::Status CheckKeyName(absl::string_view name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) {
    ok = ok && (absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
                c == '-' || c == '_' || c == '.');
  }
  if (ok) return absl::OkStatus();
  return absl::InvalidArgumentError(
      "name: 1-64 letters, digits, '-', '_' or '.'");
}

absl::StatusOr<absl::Duration> ParseBudgetPeriod(absl::string_view text) {
  if (text.empty()) return absl::ZeroDuration();
  int64_t count = 0;
  absl::Duration unit;
  switch (text.back()) {
    case 'm':
      unit = absl::Minutes(1);
      break;
    case 'h':
      unit = absl::Hours(1);
      break;
    case 'd':
      unit = absl::Hours(24);
      break;
    default:
      unit = absl::ZeroDuration();
  }
  absl::string_view digits = text.substr(0, text.size() - 1);
  bool all_digits = !digits.empty() && digits.size() <= 9;
  for (char c : digits) {
    all_digits =
        all_digits && absl::ascii_isdigit(static_cast<unsigned char>(c));
  }
  // At most ten years: periods are whole seconds in Redis.
  if (unit == absl::ZeroDuration() || !all_digits ||
      !absl::SimpleAtoi(digits, &count) || count <= 0 ||
      count * (unit / absl::Minutes(1)) > 10 * 366 * 24 * 60) {
    return absl::InvalidArgumentError(
        "budget_period: empty for a lifetime budget, or a whole number of "
        "minutes, hours or days such as 30m, 1h, 1d or 30d");
  }
  return count * unit;
}

absl::StatusOr<Caller> CallerFromPolicy(const v1::KeyPolicy& policy) {
  if (absl::Status name = CheckKeyName(policy.name()); !name.ok()) {
    return name;
  }
  Caller caller;
  caller.name = policy.name();
  for (const std::string& model : policy.models()) {
    bool blank = true;
    for (char c : model) {
      if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
        blank = true;
        break;
      }
      blank = false;
    }
    if (blank) {
      return absl::InvalidArgumentError(
          "models: entries are model names, alias names, \"provider/*\" or "
          "\"*\", without spaces");
    }
    caller.models.push_back(model);
  }
  if (policy.rpm() < 0) return absl::InvalidArgumentError("rpm: must be >= 0");
  if (policy.tpm() < 0) return absl::InvalidArgumentError("tpm: must be >= 0");
  if (!std::isfinite(policy.budget_usd()) || policy.budget_usd() < 0) {
    return absl::InvalidArgumentError("budget_usd: must be a number >= 0");
  }
  if (policy.expires_at_unix() < 0) {
    return absl::InvalidArgumentError(
        "expires_at_unix: Unix seconds, or 0 for never");
  }
  absl::StatusOr<absl::Duration> period =
      ParseBudgetPeriod(policy.budget_period());
  if (!period.ok()) return period.status();
  caller.rpm = policy.rpm();
  caller.tpm = policy.tpm();
  caller.budget_usd = policy.budget_usd();
  caller.budget_period = *period;
  if (policy.expires_at_unix() > 0) {
    caller.expires_at = absl::FromUnixSeconds(policy.expires_at_unix());
  }
  return caller;
}

}  // namespace literllm
