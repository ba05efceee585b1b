#include "ingest/message_id_set.h"

#include <xxhash.h>

#include "platform/huge_pages.h"

namespace winpath {

uint64_t MessageIdHash(std::string_view message_id) {
  return XXH3_64bits(message_id.data(), message_id.size());
}

MessageIdSet::MessageIdSet() { Rehash(1024); }

MessageIdSet::~MessageIdSet() { UnmapBytes(slots_, capacity_ * sizeof(uint64_t)); }

void MessageIdSet::Rehash(size_t capacity) {
  // Mapped memory is zero-filled: every slot starts empty without a write.
  auto* slots = static_cast<uint64_t*>(MapZeroedBytes(capacity * sizeof(uint64_t)));
  const size_t mask = capacity - 1;
  for (size_t s = 0; s < capacity_; ++s) {
    const uint64_t h = slots_[s];
    if (h == 0) continue;
    size_t i = h & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = h;
  }
  UnmapBytes(slots_, capacity_ * sizeof(uint64_t));
  slots_ = slots;
  capacity_ = capacity;
}

void MessageIdSet::Clear() {
  UnmapBytes(slots_, capacity_ * sizeof(uint64_t));
  slots_ = nullptr;
  capacity_ = size_ = 0;
  Rehash(1024);
}

bool MessageIdSet::Insert(uint64_t hash) {
  if (hash == 0) hash = 1;
  const size_t mask = capacity_ - 1;
  // XXH3 output is uniform; the low bits index directly, linear probing on collision.
  size_t i = hash & mask;
  while (slots_[i] != 0) {
    if (slots_[i] == hash) return false;
    i = (i + 1) & mask;
  }
  slots_[i] = hash;
  if (++size_ * 2 > capacity_) Rehash(capacity_ * 2);
  return true;
}

}  // namespace winpath
