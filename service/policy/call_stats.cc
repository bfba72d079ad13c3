#include "service/policy/call_stats.h"

#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

int Index(absl::StatusCode code) {
  int i = static_cast<int>(code);
  return i >= 0 && i < 17 ? i : static_cast<int>(absl::StatusCode::kUnknown);
}

}  // namespace

void CallStats::Record(absl::StatusCode code) {
  counts_[Index(code)].fetch_add(1, std::memory_order_relaxed);
}

int64_t CallStats::count(absl::StatusCode code) const {
  return counts_[Index(code)].load(std::memory_order_relaxed);
}

int64_t CallStats::total() const {
  int64_t sum = 0;
  for (const auto& c : counts_) sum += c.load(std::memory_order_relaxed);
  return sum;
}

std::string CallStats::Summary() const {
  std::string out;
  for (int i = 0; i < kCodes; ++i) {
    int64_t n = counts_[i].load(std::memory_order_relaxed);
    if (n == 0) continue;
    absl::StrAppend(&out, out.empty() ? "" : " ",
                    absl::StatusCodeToString(static_cast<absl::StatusCode>(i)),
                    "=", n);
  }
  return out.empty() ? "none" : out;
}

}  // namespace literllm
