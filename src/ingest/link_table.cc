#include "ingest/link_table.h"

namespace winpath {
namespace {

size_t SlotOf(uint32_t a, uint32_t b, size_t mask) {
  // A multiplicative mix of both ids (local ids are dense, so the raw bits cluster).
  uint64_t k = (static_cast<uint64_t>(a) << 32 | b) * 0x9E3779B97F4A7C15ull;
  return static_cast<size_t>(k >> 20) & mask;
}

}  // namespace

LinkTable::LinkTable() : slots_(64) {}

void LinkTable::Grow() {
  std::vector<Link> slots(slots_.size() * 2);
  const size_t mask = slots.size() - 1;
  for (const Link& l : slots_) {
    if (!l.used) continue;
    size_t i = SlotOf(l.a, l.b, mask);
    while (slots[i].used) i = (i + 1) & mask;
    slots[i] = l;
  }
  slots_ = std::move(slots);
}

void LinkTable::Add(uint32_t a, uint32_t b, TimeMs time) {
  const size_t mask = slots_.size() - 1;
  size_t i = SlotOf(a, b, mask);
  while (slots_[i].used) {
    Link& l = slots_[i];
    if (l.a == a && l.b == b) {
      if (time < l.time) l.time = time;
      return;
    }
    i = (i + 1) & mask;
  }
  slots_[i] = Link{a, b, time, true};
  if (++size_ * 2 > slots_.size()) Grow();
}

}  // namespace winpath
