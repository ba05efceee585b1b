#include "analysis/path_aggregator.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <string_view>

#include "base/check.h"

namespace winpath {
namespace {

uint64_t Tag(uint64_t hash) { return hash & ~uint64_t{0xffffffff}; }

}  // namespace

uint64_t PathAggregator::Hash(std::span<const uint8_t> channels) {
  return std::hash<std::string_view>{}(
      std::string_view(reinterpret_cast<const char*>(channels.data()), channels.size()));
}

void PathAggregator::Add(std::span<const uint8_t> channels, uint64_t hash, int64_t conversions,
                         ValueSum::Units value, int64_t nulls) {
  WINPATH_DCHECK(!channels.empty() && hash == Hash(channels));
  Entry& e = FindOrInsert(channels, hash);
  e.conversions += conversions;
  e.value.AddUnits(value);
  e.nulls += nulls;
}

void PathAggregator::Merge(const PathAggregator& other) {
  // Entries are copied out first: FindOrInsert may grow entries_, and `other` may be *this.
  const size_t n = other.entries_.size();
  for (size_t i = 0; i < n; ++i) {
    const Entry src = other.entries_[i];
    Entry& e = FindOrInsert(other.Bytes(src), src.hash);
    e.conversions += src.conversions;
    e.value.Add(src.value);
    e.nulls += src.nulls;
  }
}

uint64_t PathAggregator::Prefix(std::span<const uint8_t> channels) {
  uint64_t prefix = 0;
  for (size_t k = 0; k < 8; ++k) prefix = prefix << 8 | (k < channels.size() ? channels[k] : 0);
  return prefix;
}

PathAggregator::Entry& PathAggregator::FindOrInsert(std::span<const uint8_t> channels,
                                                    uint64_t hash) {
  // Load factor <= 1/2 keeps linear probes short.
  if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  const uint64_t prefix = Prefix(channels), tag = Tag(hash);
  const size_t n = channels.size();
  for (size_t s = hash & mask;; s = (s + 1) & mask) {
    const uint64_t slot = slots_[s];
    if (slot == 0) {
      Entry e;
      e.hash = hash;
      e.prefix = prefix;
      e.offset = arena_.size();
      e.length = static_cast<uint32_t>(n);
      arena_.insert(arena_.end(), channels.begin(), channels.end());
      entries_.push_back(e);
      slots_[s] = tag | entries_.size();
      return entries_.back();
    }
    if (Tag(slot) != tag) continue;
    Entry& e = entries_[(slot & 0xffffffff) - 1];
    if (e.length == n && e.prefix == prefix &&
        (n <= 8 || std::memcmp(arena_.data() + e.offset + 8, channels.data() + 8, n - 8) == 0)) {
      return e;
    }
  }
}

void PathAggregator::Grow() {
  const size_t size = std::max<size_t>(16, slots_.size() * 2);
  WINPATH_CHECK(size / 2 < UINT32_MAX);
  slots_.assign(size, 0);
  const size_t mask = size - 1;
  for (size_t i = 0; i < entries_.size(); ++i) {
    size_t s = entries_[i].hash & mask;
    while (slots_[s] != 0) s = (s + 1) & mask;
    slots_[s] = Tag(entries_[i].hash) | (i + 1);
  }
}

std::vector<JourneyPath> PathAggregator::SortedPaths() const {
  // Sorting by a packed prefix (the first 8 channel ids, big-endian, so integer order is byte
  // order) compares in cache; only paths sharing that prefix compare their bytes, which for
  // typical paths of a few touches never happens. Bytewise order of channel ids is the order
  // of the channel index vectors (c - 1 keeps it).
  struct Key {
    uint64_t prefix;
    uint32_t entry;
  };
  std::vector<Key> keys(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) {
    keys[i] = {entries_[i].prefix, static_cast<uint32_t>(i)};
  }
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    const std::span<const uint8_t> x = Bytes(entries_[a.entry]), y = Bytes(entries_[b.entry]);
    return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end());
  });
  std::vector<JourneyPath> out(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const Entry& e = entries_[keys[i].entry];
    JourneyPath& p = out[i];
    const std::span<const uint8_t> bytes = Bytes(e);
    p.channels.resize(bytes.size());
    for (size_t k = 0; k < bytes.size(); ++k) p.channels[k] = static_cast<uint16_t>(bytes[k] - 1);
    p.conversions = e.conversions;
    p.value = e.value.value();
    p.nulls = e.nulls;
  }
  return out;
}

}  // namespace winpath
