// Big buffers mapped straight from the OS, on transparent huge pages where the kernel allows.
//
// The first write to a fresh 4 KiB page costs a page fault and a clear; on a virtual machine the
// fault is the dearer part. An import of 50M events writes several GB of fresh pages (its
// event rows, the messageId set, the sort order), and those faults had been a tenth of its
// time, most of it on the one thread that merges. Mapping big buffers with mmap, 2 MiB aligned
// and advised MADV_HUGEPAGE, lets the kernel (THP "madvise" mode, Debian's default; "always"
// works too) back them with 2 MiB pages: one fault where there were 512. Where THP is off the
// advice is ignored and the buffers behave as plain mappings. Freed buffers go straight back to
// the OS.
//
// Thread-safety: the functions and allocators hold no state; any thread may call them.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace winpath {

// Allocations of at least this many bytes are mapped; smaller ones come from operator new.
inline constexpr size_t kMinMappedBytes = size_t{2} << 20;

// Maps `bytes` (> 0) of zero-filled memory, 2 MiB aligned, with huge pages advised; the kernel
// fills it in page by page as it is written. Throws std::bad_alloc when the OS refuses.
void* MapZeroedBytes(size_t bytes);
// Returns memory from MapZeroedBytes(bytes) to the OS. No-op on nullptr.
void UnmapBytes(void* p, size_t bytes);

// A std::allocator for big buffers: allocations of kMinMappedBytes or more are mapped as above.
template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: converting, as std::allocator

  T* allocate(size_t n) {
    if (n > static_cast<size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    const size_t bytes = n * sizeof(T);
    if (bytes >= kMinMappedBytes) return static_cast<T*>(MapZeroedBytes(bytes));
    return static_cast<T*>(::operator new (bytes, std::align_val_t{alignof(T)}));
  }
  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes >= kMinMappedBytes) {
      UnmapBytes(p, bytes);
    } else {
      ::operator delete (p, std::align_val_t{alignof(T)});
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

template <typename T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace winpath
