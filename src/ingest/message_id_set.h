// MessageIdSet: the set of messageIds already imported, for deduplication, kept as XXH3 64-bit
// hashes of the ids (8 bytes per message instead of the id text).
//
// Two different ids collide with probability about n^2 / 2^65 over n messages (3e-8 at one
// million, 3e-4 at a hundred million); a collision makes the later message count as a
// duplicate. docs/import.md#deduplication.
//
// Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace winpath {

// The hash MessageIdSet stores for a messageId.
uint64_t MessageIdHash(std::string_view message_id);

class MessageIdSet {
 public:
  MessageIdSet();
  // Adds `hash`; returns false when it was already present (a duplicate).
  bool Insert(uint64_t hash);
  // Hints that `hash` will be inserted soon (loads its slot into the cache).
  void Prefetch(uint64_t hash) const {
    __builtin_prefetch(&slots_[(hash == 0 ? 1 : hash) & (slots_.size() - 1)]);
  }
  size_t size() const { return size_; }

 private:
  void Grow();
  std::vector<uint64_t> slots_;  // 0 = empty; the hash 0 is stored as 1
  size_t size_ = 0;
};

}  // namespace winpath
