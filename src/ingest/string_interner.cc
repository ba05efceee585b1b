#include "ingest/string_interner.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>

namespace winpath {
namespace {

constexpr size_t kBlockBytes = 1 << 16;

uint32_t StoredLength(const char* entry) {
  uint32_t n;
  std::memcpy(&n, entry, 4);
  return n;
}

bool SameBytes(const char* entry, std::string_view text) {
  if (StoredLength(entry) != text.size()) return false;
  const char* a = entry + 4;
  // Ids and names are short; a plain loop beats a libc call for them.
  if (text.size() <= 24) {
    for (size_t i = 0; i < text.size(); ++i) {
      if (a[i] != text[i]) return false;
    }
    return true;
  }
  return std::memcmp(a, text.data(), text.size()) == 0;
}

}  // namespace

StringInterner::StringInterner() : slots_(64, Slot{nullptr, 0, 0}) {}

const char* StringInterner::Store(std::string_view text) {
  const size_t need = text.size() + 4;
  if (block_used_ + need > block_size_) {
    block_size_ = std::max(kBlockBytes, need);
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_size_));
    block_used_ = 0;
  }
  char* p = blocks_.back().get() + block_used_;
  uint32_t n = static_cast<uint32_t>(text.size());
  std::memcpy(p, &n, 4);
  if (!text.empty()) std::memcpy(p + 4, text.data(), text.size());
  block_used_ += need;
  return p;
}

void StringInterner::Grow() {
  std::vector<Slot> slots(slots_.size() * 2, Slot{nullptr, 0, 0});
  const size_t mask = slots.size() - 1;
  for (const Slot& s : slots_) {
    if (s.bytes == nullptr) continue;
    size_t i = hashes_[s.id] & mask;
    while (slots[i].bytes != nullptr) i = (i + 1) & mask;
    slots[i] = s;
  }
  slots_ = std::move(slots);
}

// The slot holding `text`, or the empty slot where it would go.
size_t StringInterner::Probe(std::string_view text, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  const uint32_t tag = static_cast<uint32_t>(hash >> 32);
  size_t i = hash & mask;
  while (slots_[i].bytes != nullptr) {
    if (slots_[i].tag == tag && SameBytes(slots_[i].bytes, text)) return i;
    i = (i + 1) & mask;
  }
  return i;
}

void StringInterner::Prefetch(std::string_view text) const {
  __builtin_prefetch(&slots_[XXH3_64bits(text.data(), text.size()) & (slots_.size() - 1)]);
}

uint32_t StringInterner::Find(std::string_view text) const {
  const Slot& s = slots_[Probe(text, XXH3_64bits(text.data(), text.size()))];
  return s.bytes == nullptr ? UINT32_MAX : s.id;
}

uint32_t StringInterner::Intern(std::string_view text) {
  const uint64_t h = XXH3_64bits(text.data(), text.size());
  size_t i = Probe(text, h);
  if (slots_[i].bytes != nullptr) return slots_[i].id;
  const uint32_t id = static_cast<uint32_t>(strings_.size());
  const char* entry = Store(text);
  strings_.emplace_back(entry + 4, text.size());
  hashes_.push_back(h);
  slots_[i] = Slot{entry, static_cast<uint32_t>(h >> 32), id};
  if (strings_.size() * 2 > slots_.size()) Grow();  // load factor <= 1/2
  return id;
}

}  // namespace winpath
