#include "platform/parallel.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace winpath {

int HardwareThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

void ParallelRanges(size_t n, int threads,
                    const std::function<void(int, size_t, size_t)>& fn) {
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

}  // namespace winpath
