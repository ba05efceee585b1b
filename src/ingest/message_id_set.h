// MessageIdSet: the set of messageIds already imported, for deduplication, kept as XXH3 64-bit
// hashes of the ids (8 bytes per message instead of the id text).
//
// Two different ids collide with probability about n^2 / 2^65 over n messages (3e-8 at one
// million, 3e-4 at a hundred million); a collision makes the later message count as a
// duplicate. docs/import.md#deduplication.
//
// The slots are an open-addressing table (linear probing, at most half full) mapped from the
// OS (platform/huge_pages.h): zero-filled by the kernel rather than by a memset (each doubling
// had memset the new table on the merging thread while the parsers waited), on huge pages.
//
// Thread-safety: not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace winpath {

// The hash MessageIdSet stores for a messageId.
uint64_t MessageIdHash(std::string_view message_id);

class MessageIdSet {
 public:
  MessageIdSet();
  ~MessageIdSet();
  MessageIdSet(const MessageIdSet&) = delete;
  MessageIdSet& operator=(const MessageIdSet&) = delete;

  // Adds `hash`; returns false when it was already present (a duplicate).
  bool Insert(uint64_t hash);
  // Hints that `hash` will be inserted soon (loads its slot into the cache).
  void Prefetch(uint64_t hash) const {
    __builtin_prefetch(&slots_[(hash == 0 ? 1 : hash) & (capacity_ - 1)]);
  }
  size_t size() const { return size_; }
  // Drops every hash and returns the table's memory.
  void Clear();

 private:
  // Moves the hashes into a table of `capacity` slots (a power of two, > 2 * size_).
  void Rehash(size_t capacity);

  uint64_t* slots_ = nullptr;  // 0 = empty; the hash 0 is stored as 1
  size_t capacity_ = 0;
  size_t size_ = 0;
};

}  // namespace winpath
