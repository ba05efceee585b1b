// TimesToWin<T>: the times to win of one win-paths cell (analysis/win_paths.h), unsorted,
// append-only. A thin wrapper over std::vector (whose growth and reuse of freed memory measured
// best: fresh pages cost a page fault each on first write), so the kernel's fold reads as one
// call per cell whether or not the person reached it.
//
// Thread-safety: a plain value, one thread at a time.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace winpath {

template <typename T>
class TimesToWin {
 public:
  // Appends `value` when `keep`, else leaves the times as they were.
  void Append(T value, bool keep) {
    if (keep) times_.push_back(value);
  }
  void Append(std::span<const T> values) {
    times_.insert(times_.end(), values.begin(), values.end());
  }
  std::span<const T> values() const { return times_; }
  size_t size() const { return times_.size(); }

 private:
  std::vector<T> times_;
};

}  // namespace winpath
