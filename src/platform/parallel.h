// Data parallelism over an index range, on plain std::threads.
//
// Thread-safety: `fn` is called concurrently from `threads` threads with disjoint ranges; it
// must only write state owned by its `worker` slot.
#pragma once

#include <cstddef>
#include <functional>

namespace winpath {

// Number of hardware threads (>= 1).
int HardwareThreads();

// Splits [0, n) into `threads` contiguous ranges of near-equal size and calls
// fn(worker, begin, end) for each, worker = 0..threads-1 (ranges in ascending order of
// worker). Runs inline when threads <= 1. Returns after all calls returned.
void ParallelRanges(size_t n, int threads,
                    const std::function<void(int worker, size_t begin, size_t end)>& fn);

}  // namespace winpath
