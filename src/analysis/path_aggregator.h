// PathAggregator: journeys aggregated by their channel path in an open-addressing hash table,
// the mergeable partial state behind the journey-path kernel (journey_paths.h).
//
// Paths are byte strings of channel ids (PersonView::channel, 1..255) stored back to back in
// one arena, so adding a journey whose path is already known allocates nothing, and a new path
// costs its bytes plus one entry (amortized growth). Counts are integers and values exact
// fixed-point sums (exact_sum.h), so any grouping of the same Adds and Merges gives the same
// bits.
//
// Thread-safety: a plain value, one thread at a time.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/exact_sum.h"
#include "model/path_table.h"

namespace winpath {

class PathAggregator {
 public:
  // Adds one or more journeys along `channels` (channel ids >= 1, in touch order).
  // REQUIRES: channels non-empty, every id >= 1.
  void Add(std::span<const uint8_t> channels, int64_t conversions, ValueSum::Units value,
           int64_t nulls) {
    Add(channels, Hash(channels), conversions, value, nulls);
  }
  // The same with the path's Hash computed by the caller (who may add one path to several
  // aggregators). REQUIRES: hash == Hash(channels).
  void Add(std::span<const uint8_t> channels, uint64_t hash, int64_t conversions,
           ValueSum::Units value, int64_t nulls);
  static uint64_t Hash(std::span<const uint8_t> channels);
  // Adds every path of `other`; `other` is unchanged.
  void Merge(const PathAggregator& other);

  size_t size() const { return entries_.size(); }

  // The paths, each distinct path once, sorted by channel sequence; channel id c becomes
  // index c - 1 of the table's channel names.
  std::vector<JourneyPath> SortedPaths() const;

 private:
  struct Entry {
    ValueSum value;
    uint64_t hash = 0;
    uint64_t prefix = 0;  // Prefix(bytes): short paths compare without touching the arena
    uint64_t offset = 0;  // into arena_
    uint32_t length = 0;
    int64_t conversions = 0;
    int64_t nulls = 0;
  };

  // The entry of the path, created with zero counts when new.
  Entry& FindOrInsert(std::span<const uint8_t> channels, uint64_t hash);
  // The first 8 channel ids, big-endian (integer order is byte order), zero-padded.
  static uint64_t Prefix(std::span<const uint8_t> channels);
  void Grow();
  std::span<const uint8_t> Bytes(const Entry& e) const {
    return {arena_.data() + e.offset, e.length};
  }

  std::vector<uint8_t> arena_;
  std::vector<Entry> entries_;
  // (hash >> 32) << 32 | (entry index + 1); 0 = empty. The hash tag skips other paths'
  // entries without loading them. Size a power of two or 0.
  std::vector<uint64_t> slots_;
};

}  // namespace winpath
