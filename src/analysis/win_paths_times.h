// The times to win of one win-paths cell (analysis/win_paths.h), kept so that Finalize can
// take their exact median.
//
// TimesToWin<T>: unsorted and append-only, so the kernel's fold reads as one call per cell
// whether or not the person reached it. Append(value, keep) is branch-free on `keep`: it
// always writes the slot past the end and advances the end only when kept (whether a person
// reached a cell is a coin flip the branch predictor keeps missing); the capacity check is
// taken once per doubling, and the room is left unwritten so its pages are faulted in only as
// times arrive.
//
// SealedTimes: the 32-bit times of a cell as a tail being appended to plus immutable sealed
// runs. Seal (called once per chunk state, on the chunk's thread: kernel.h) groups the tail
// by TimeBucket with a counting sort; Merge shares the other state's runs instead of copying
// their times; and the median reads only the bucket counts of every run and the one or two
// buckets holding the middle ranks (analysis/win_paths_median.h). So the serial end of a
// parallel scan — merging the chunk states and finalizing — no longer reads every time to
// win, which had been a sixth of the scan's wall time on two threads.
//
// Thread-safety: plain values, one thread at a time; sealed runs are immutable and may be
// shared between states on different threads.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace winpath {

template <typename T>
class TimesToWin {
 public:
  TimesToWin() = default;
  TimesToWin(const TimesToWin& other) { *this = other; }
  TimesToWin& operator=(const TimesToWin& other) {
    if (this != &other) {
      size_ = 0;
      Append(other.values());
    }
    return *this;
  }
  // A moved-from TimesToWin is empty (and usable).
  TimesToWin(TimesToWin&& other) noexcept { *this = std::move(other); }
  TimesToWin& operator=(TimesToWin&& other) noexcept {
    if (this != &other) {
      slots_ = std::move(other.slots_);
      size_ = std::exchange(other.size_, 0);
      capacity_ = std::exchange(other.capacity_, 0);
    }
    return *this;
  }

  // Appends `value` when `keep`, else leaves the times as they were.
  void Append(T value, bool keep) {
    if (size_ == capacity_) [[unlikely]]
      Reserve(size_ + 1);
    slots_[size_] = value;
    size_ += keep ? 1 : 0;
  }
  void Append(std::span<const T> values) {
    Reserve(size_ + values.size());
    std::copy(values.begin(), values.end(), slots_.get() + size_);
    size_ += values.size();
  }
  std::span<const T> values() const { return {slots_.get(), size_}; }
  size_t size() const { return size_; }
  // Drops the times and their memory.
  void Clear() { *this = TimesToWin(); }

 private:
  // Makes room for `count` times, at least doubling.
  void Reserve(size_t count) {
    if (count <= capacity_) return;
    const size_t capacity = std::max({count, capacity_ * 2, size_t{16}});
    std::unique_ptr<T[]> slots = std::make_unique_for_overwrite<T[]>(capacity);
    std::copy(slots_.get(), slots_.get() + size_, slots.get());
    slots_ = std::move(slots);
    capacity_ = capacity;
  }

  std::unique_ptr<T[]> slots_;  // [0, size_) hold the times; the rest is room
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// Log-linear buckets of 32-bit times, in value order: 0..31 exactly, then 16 buckets per power
// of two (each spans at most 1/16 of its lower edge), so however the times are spread, the
// bucket holding the median holds few of them.
inline constexpr size_t kTimeBuckets = 464;
inline size_t TimeBucket(uint32_t v) {
  // Branch-free: below 32, v | 16 has width 5, so shift is 0 and the bucket is v itself.
  const int shift = std::bit_width(v | 16) - 5;
  return static_cast<size_t>(shift) * 16 + (v >> shift);
}

// Times grouped by TimeBucket: bucket b holds values[start[b], start[b + 1]), unsorted.
struct TimesRun {
  std::unique_ptr<uint32_t[]> values;  // start[kTimeBuckets] of them
  std::array<uint32_t, kTimeBuckets + 1> start{};

  // REQUIRES: times.size() < 2^32.
  static std::shared_ptr<const TimesRun> Make(std::span<const uint32_t> times);
};

class SealedTimes {
 public:
  void Append(uint32_t value, bool keep) { tail_.Append(value, keep); }
  // Moves the tail into a sealed run. Appending afterwards starts a new tail.
  void Seal();
  // Adds the other cell's times: shares its runs, copies its tail. `other` is unchanged.
  void Merge(const SealedTimes& other);
  size_t size() const { return sealed_ + tail_.size(); }
  bool sealed() const { return !runs_.empty(); }
  // The sealed runs, and the tail as one more run when it is not empty.
  std::vector<std::shared_ptr<const TimesRun>> Runs() const;
  // The unsealed times (all of them when nothing was sealed).
  std::span<const uint32_t> tail() const { return tail_.values(); }

 private:
  TimesToWin<uint32_t> tail_;
  std::vector<std::shared_ptr<const TimesRun>> runs_;
  size_t sealed_ = 0;  // times in runs_
};

}  // namespace winpath
