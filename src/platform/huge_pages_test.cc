// HugePageAllocator and the mapped buffers: contents survive growth and copies on both sides of
// the mapping threshold, mapped memory is zero-filled and 2 MiB aligned, the alignment slack
// is not left mapped, and unmapping returns all of it.
#include "platform/huge_pages.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <numeric>

namespace winpath {
namespace {

TEST(HugePagesTest, MappedMemoryIsZeroedAndAligned) {
  const size_t bytes = kMinMappedBytes * 3 + 12345;
  auto* p = static_cast<uint8_t*>(MapZeroedBytes(bytes));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % (size_t{2} << 20), 0u);
  size_t nonzero = 0;
  for (size_t i = 0; i < bytes; i += 4096) nonzero += p[i] != 0 ? 1 : 0;
  EXPECT_EQ(nonzero, 0u);
  p[0] = 1;
  p[bytes - 1] = 2;  // the last byte asked for is writable
  EXPECT_EQ(p[0] + p[bytes - 1], 3);
  UnmapBytes(p, bytes);
  UnmapBytes(nullptr, bytes);  // no-op
}

TEST(HugePagesTest, VectorKeepsItsValuesAcrossTheThreshold) {
  HugeVector<uint64_t> v;
  const size_t n = kMinMappedBytes / sizeof(uint64_t) * 3;  // grows from operator new to mmap
  for (size_t i = 0; i < n; ++i) v.push_back(i * 7);
  ASSERT_EQ(v.size(), n);
  uint64_t sum = std::accumulate(v.begin(), v.end(), uint64_t{0});
  EXPECT_EQ(sum, 7 * (n - 1) * n / 2);
  HugeVector<uint64_t> copy = v;
  v.clear();
  v.shrink_to_fit();
  EXPECT_EQ(copy[n - 1], (n - 1) * 7);
  HugeVector<uint8_t> small(100, 9);  // below the threshold
  EXPECT_EQ(small[99], 9);
}

// Virtual size of this process in bytes (/proc/self/statm), or 0 where it cannot be read.
uint64_t VirtualBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t pages = 0;
  statm >> pages;
  return pages * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

TEST(HugePagesTest, MapsOnlyWhatItKeepsAndUnmapsAll) {
  const uint64_t before = VirtualBytes();
  ASSERT_GT(before, 0u);
  const size_t bytes = size_t{1} << 30;
  void* p = MapZeroedBytes(bytes);
  const uint64_t mapped = VirtualBytes();
  // The alignment slack is trimmed: the process grew by the buffer (rounded to 2 MiB) only.
  EXPECT_GE(mapped - before, bytes);
  EXPECT_LT(mapped - before, bytes + (size_t{2} << 20));
  UnmapBytes(p, bytes);
  EXPECT_EQ(VirtualBytes(), before);
}

}  // namespace
}  // namespace winpath
