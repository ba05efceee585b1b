#include "platform/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace winpath {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

size_t RoundUp(size_t bytes, size_t to) { return (bytes + to - 1) / to * to; }

}  // namespace

void* MapZeroedBytes(size_t bytes) {
  const size_t size = RoundUp(bytes, kHugePage);
  if (size < bytes) throw std::bad_alloc();
  // Over-map by one huge page and trim both ends, so the buffer starts on a 2 MiB boundary:
  // only whole, aligned 2 MiB ranges can be backed by a huge page.
  void* raw =
      mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = RoundUp(start, kHugePage);
  if (aligned > start) munmap(raw, aligned - start);
  const uintptr_t end = start + size + kHugePage;
  if (end > aligned + size) munmap(reinterpret_cast<void*>(aligned + size), end - aligned - size);
  void* p = reinterpret_cast<void*>(aligned);
  madvise(p, size, MADV_HUGEPAGE);  // advice only: ignored where THP is off
  return p;
}

void UnmapBytes(void* p, size_t bytes) {
  if (p == nullptr) return;
  munmap(p, RoundUp(bytes, kHugePage));
}

}  // namespace winpath
