// StringInterner: dense ids 0..size()-1 for strings, with the bytes kept in an append-only
// arena — the interning of ids, event names and dimension values during import, where
// Dictionary's one heap node per string would dominate the cost.
//
// A lookup touches two cache lines: the slot (hash tag, id, pointer to the bytes) and the
// bytes; ids are compared exactly, byte for byte.
//
// Thread-safety: not thread-safe, except that a view returned by Get (or Intern's arena) stays
// valid and unchanged for the interner's life, so another thread may read a view it was
// handed while this one interns more.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace winpath {

class StringInterner {
 public:
  StringInterner();
  // The id of `text`, adding it when new.
  uint32_t Intern(std::string_view text);
  // The id of `text`, or UINT32_MAX when absent.
  uint32_t Find(std::string_view text) const;
  // Starts loading the slot where `text` would be found (a hint; no effect on results).
  void Prefetch(std::string_view text) const;
  // REQUIRES: id < size().
  std::string_view Get(uint32_t id) const { return strings_[id]; }
  size_t size() const { return strings_.size(); }

 private:
  struct Slot {
    const char* bytes;  // arena entry: u32 length, then the bytes; nullptr = empty slot
    uint32_t tag;       // high 32 bits of the hash
    uint32_t id;
  };
  size_t Probe(std::string_view text, uint64_t hash) const;
  void Grow();
  const char* Store(std::string_view text);

  std::vector<std::string_view> strings_;
  std::vector<uint64_t> hashes_;  // per id, to rehash on Grow without rereading the bytes
  std::vector<Slot> slots_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = 0, block_size_ = 0;
};

}  // namespace winpath
