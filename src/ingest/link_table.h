// LinkTable: the distinct identity links (id a, id b) of the imported messages, each with its
// earliest time — an open-addressing map, since every event that carries both a userId and an
// anonymousId touches it.
//
// Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "model/timestamp.h"

namespace winpath {

class LinkTable {
 public:
  struct Link {
    uint32_t a = 0, b = 0;
    TimeMs time = 0;
    bool used = false;
  };
  LinkTable();
  // Records the link, keeping the earliest time of a repeated one.
  void Add(uint32_t a, uint32_t b, TimeMs time);
  size_t size() const { return size_; }
  // Slots; entries with `used` are the links, in no particular order.
  const std::vector<Link>& slots() const { return slots_; }

 private:
  void Grow();
  std::vector<Link> slots_;
  size_t size_ = 0;
};

}  // namespace winpath
