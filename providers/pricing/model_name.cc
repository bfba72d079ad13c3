#include "providers/pricing/model_name.h"

#include <cstddef>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace literllm {
namespace {

bool AllDigits(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Two digits at `text` forming a number in [low, high].
bool InRange(absl::string_view two, int low, int high) {
  if (two.size() != 2 || !AllDigits(two)) return false;
  int value = (two[0] - '0') * 10 + (two[1] - '0');
  return value >= low && value <= high;
}

bool IsMonthDay(absl::string_view mm, absl::string_view dd) {
  return InRange(mm, 1, 12) && InRange(dd, 1, 31);
}

bool IsYear(absl::string_view yyyy) {
  return yyyy.size() == 4 && AllDigits(yyyy) && absl::StartsWith(yyyy, "20");
}

// "YYYYMMDD".
bool IsCompactDate(absl::string_view text) {
  return text.size() == 8 && IsYear(text.substr(0, 4)) &&
         IsMonthDay(text.substr(4, 2), text.substr(6, 2));
}

// "YYYY-MM-DD".
bool IsIsoDate(absl::string_view text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' &&
         IsYear(text.substr(0, 4)) &&
         IsMonthDay(text.substr(5, 2), text.substr(8, 2));
}

// "MM-DD" or "MM-YYYY", after `-preview` or `-exp`.
bool IsPreviewDate(absl::string_view text) {
  if (text.size() == 5 && text[2] == '-') {
    return IsMonthDay(text.substr(0, 2), text.substr(3, 2));
  }
  return text.size() == 7 && text[2] == '-' &&
         InRange(text.substr(0, 2), 1, 12) && IsYear(text.substr(3, 4));
}

// "MMDD" (OpenAI, xAI) or "YYMM" (Mistral).
bool IsShortDate(absl::string_view text) {
  if (text.size() != 4 || !AllDigits(text)) return false;
  return IsMonthDay(text.substr(0, 2), text.substr(2, 2)) ||
         (InRange(text.substr(0, 2), 23, 39) &&
          InRange(text.substr(2, 2), 1, 12));
}

bool UsesShortDates(absl::string_view provider) {
  return provider == "openai" || provider == "azure" || provider == "xai" ||
         provider == "mistral";
}

// The name without its last `separator`-led part when `is_version` accepts
// that part; `name` itself otherwise.
template <typename Predicate>
absl::string_view DropLast(absl::string_view name, char separator,
                           Predicate is_version) {
  size_t at = name.rfind(separator);
  if (at == absl::string_view::npos || at == 0) return name;
  return is_version(name.substr(at + 1)) ? name.substr(0, at) : name;
}

// Strips `-preview-<date>` / `-exp-<date>`, where the date has one dash.
absl::string_view DropPreviewDate(absl::string_view name) {
  for (absl::string_view marker : {"-preview-", "-exp-"}) {
    size_t at = name.rfind(marker);
    if (at != absl::string_view::npos && at > 0 &&
        IsPreviewDate(name.substr(at + marker.size()))) {
      return name.substr(0, at);
    }
  }
  return name;
}

}  // namespace

absl::string_view StripModelVersion(absl::string_view provider,
                                    absl::string_view model) {
  if (absl::ConsumePrefix(&model, "models/")) return model;
  if (absl::EndsWith(model, "-latest") && model.size() > 7) {
    return model.substr(0, model.size() - 7);
  }
  absl::string_view stripped = DropLast(model, '@', IsCompactDate);
  if (stripped.size() < model.size()) return stripped;
  if (model.size() > 11 && model[model.size() - 11] == '-' &&
      IsIsoDate(model.substr(model.size() - 10))) {
    return model.substr(0, model.size() - 11);
  }
  stripped = DropLast(model, '-', IsCompactDate);
  if (stripped.size() < model.size()) return stripped;
  stripped = DropPreviewDate(model);
  if (stripped.size() < model.size()) return stripped;
  if (UsesShortDates(provider)) return DropLast(model, '-', IsShortDate);
  if (provider == "gemini") {
    return DropLast(model, '-', [](absl::string_view part) {
      return part.size() == 3 && AllDigits(part);
    });
  }
  return model;
}

}  // namespace literllm
