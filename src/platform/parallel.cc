#include "platform/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace winpath {

int HardwareThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

void ParallelRanges(size_t n, int threads, const std::function<void(int, size_t, size_t)>& fn) {
  threads = std::max(1, threads);
  if (threads == 1 || n < 2) {
    fn(0, 0, n);
    for (int w = 1; w < threads; ++w) fn(w, n, n);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads - 1));
  auto bound = [&](int w) { return n * static_cast<size_t>(w) / static_cast<size_t>(threads); };
  for (int w = 1; w < threads; ++w) {
    pool.emplace_back([&, w] { fn(w, bound(w), bound(w + 1)); });
  }
  fn(0, 0, bound(1));
  for (std::thread& t : pool) t.join();
}

void ParallelChunks(size_t chunks, int threads, const std::function<void(int, size_t)>& fn) {
  threads = static_cast<int>(std::min<size_t>(static_cast<size_t>(std::max(1, threads)), chunks));
  if (threads <= 1) {
    for (size_t c = 0; c < chunks; ++c) fn(0, c);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&](int worker) {
    for (size_t c = next.fetch_add(1, std::memory_order_relaxed); c < chunks;
         c = next.fetch_add(1, std::memory_order_relaxed)) {
      fn(worker, c);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads - 1));
  for (int w = 1; w < threads; ++w) pool.emplace_back(work, w);
  work(0);
  for (std::thread& t : pool) t.join();
}

}  // namespace winpath
