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

// Calls fn(worker, chunk) once for every chunk in [0, chunks), from `threads` threads
// (worker = 0..threads-1; the caller's thread is worker 0) that take chunks in ascending order
// off a shared counter, so a thread that is slowed down (a loaded core, costlier chunks) simply
// runs fewer of them. Which worker runs which chunk varies from run to run: callers that need
// reproducible results must keep their output per chunk, not per worker. Runs inline when
// threads <= 1 or chunks <= 1. Returns after all calls returned.
void ParallelChunks(size_t chunks, int threads,
                    const std::function<void(int worker, size_t chunk)>& fn);

}  // namespace winpath
