#include "ingest/message_id_set.h"

#include <xxhash.h>

namespace winpath {

uint64_t MessageIdHash(std::string_view message_id) {
  return XXH3_64bits(message_id.data(), message_id.size());
}

MessageIdSet::MessageIdSet() : slots_(1024, 0) {}

void MessageIdSet::Grow() {
  std::vector<uint64_t> slots(slots_.size() * 2, 0);
  const size_t mask = slots.size() - 1;
  for (uint64_t h : slots_) {
    if (h == 0) continue;
    size_t i = h & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = h;
  }
  slots_ = std::move(slots);
}

bool MessageIdSet::Insert(uint64_t hash) {
  if (hash == 0) hash = 1;
  const size_t mask = slots_.size() - 1;
  // XXH3 output is uniform; the low bits index directly, linear probing on collision.
  size_t i = hash & mask;
  while (slots_[i] != 0) {
    if (slots_[i] == hash) return false;
    i = (i + 1) & mask;
  }
  slots_[i] = hash;
  if (++size_ * 2 > slots_.size()) Grow();
  return true;
}

}  // namespace winpath
