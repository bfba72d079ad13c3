#include "service/tracing/sampler.h"

#include <algorithm>

#include "service/tracing/hex.h"

namespace literllm {
namespace {

constexpr double kTwoTo63 = 9223372036854775808.0;

uint64_t Bound(double ratio) {
  ratio = std::clamp(ratio, 0.0, 1.0);
  if (ratio >= 1.0) return uint64_t{1} << 63;  // every 63-bit value is below
  return static_cast<uint64_t>(ratio * kTwoTo63);
}

}  // namespace

absl::string_view SamplerKindName(SamplerKind kind) {
  switch (kind) {
    case SamplerKind::kAlwaysOn:
      return "always_on";
    case SamplerKind::kAlwaysOff:
      return "always_off";
    case SamplerKind::kTraceIdRatio:
      return "traceidratio";
    case SamplerKind::kParentBasedAlwaysOn:
      return "parentbased_always_on";
    case SamplerKind::kParentBasedAlwaysOff:
      return "parentbased_always_off";
    case SamplerKind::kParentBasedTraceIdRatio:
      return "parentbased_traceidratio";
  }
  return "unknown";
}

Sampler::Sampler(SamplerKind kind, double ratio)
    : kind_(kind), bound_(Bound(ratio)) {}

bool Sampler::ByRatio(absl::string_view trace_id) const {
  if (trace_id.size() != 32) return false;
  return (HexToUint64(trace_id.substr(16)) >> 1) < bound_;
}

bool Sampler::ShouldSample(absl::string_view trace_id, bool has_parent,
                           bool parent_sampled) const {
  switch (kind_) {
    case SamplerKind::kAlwaysOn:
      return true;
    case SamplerKind::kAlwaysOff:
      return false;
    case SamplerKind::kTraceIdRatio:
      return ByRatio(trace_id);
    case SamplerKind::kParentBasedAlwaysOn:
      return has_parent ? parent_sampled : true;
    case SamplerKind::kParentBasedAlwaysOff:
      return has_parent ? parent_sampled : false;
    case SamplerKind::kParentBasedTraceIdRatio:
      return has_parent ? parent_sampled : ByRatio(trace_id);
  }
  return false;
}

}  // namespace literllm
