#include "service/metrics/series_cache.h"

#include <array>
#include <cstring>
#include <utility>

#include "absl/hash/hash.h"

namespace literllm {
namespace {

// Enough for every series one thread records in steady state (a few per
// family and route); 1024 slots are about 48 KiB per thread.
constexpr size_t kSlots = 1024;

struct Slot {
  uint64_t family_id = 0;  // 0: empty (ids start at 1)
  size_t hash = 0;
  std::string key;
  MetricSeries* series = nullptr;
};

std::array<Slot, kSlots>& Slots() {
  thread_local std::array<Slot, kSlots> slots;
  return slots;
}

void AppendLength(std::string& key, uint32_t length) {
  char bytes[sizeof(length)];
  std::memcpy(bytes, &length, sizeof(length));
  key.append(bytes, sizeof(bytes));
}

}  // namespace

std::string SeriesKey(absl::Span<const absl::string_view> labels) {
  std::string key;
  size_t size = 0;
  for (absl::string_view label : labels)
    size += sizeof(uint32_t) + label.size();
  key.reserve(size);
  for (absl::string_view label : labels) {
    AppendLength(key, static_cast<uint32_t>(label.size()));
    key.append(label.data(), label.size());
  }
  return key;
}

bool SeriesKeyMatches(absl::string_view key,
                      absl::Span<const absl::string_view> labels) {
  for (absl::string_view label : labels) {
    uint32_t length;
    if (key.size() < sizeof(length)) return false;
    std::memcpy(&length, key.data(), sizeof(length));
    key.remove_prefix(sizeof(length));
    if (length != label.size() || key.substr(0, length) != label) return false;
    key.remove_prefix(length);
  }
  return key.empty();
}

size_t SeriesHash(uint64_t family_id,
                  absl::Span<const absl::string_view> labels) {
  return absl::HashOf(family_id, labels);
}

MetricSeries* SeriesCache::Find(uint64_t family_id, size_t hash,
                                absl::Span<const absl::string_view> labels) {
  const Slot& slot = Slots()[hash % kSlots];
  if (slot.family_id != family_id || slot.hash != hash ||
      !SeriesKeyMatches(slot.key, labels)) {
    return nullptr;
  }
  return slot.series;
}

void SeriesCache::Put(uint64_t family_id, size_t hash, std::string key,
                      MetricSeries* series) {
  Slot& slot = Slots()[hash % kSlots];
  slot.family_id = family_id;
  slot.hash = hash;
  slot.key = std::move(key);
  slot.series = series;
}

}  // namespace literllm
