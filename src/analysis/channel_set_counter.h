// ChannelSetCounter: for each channel id below 64, how many of the added sets (64-bit masks,
// bit c = channel c) contain it — the any-touch denominators of win paths, one set per person.
//
// Add is branch-free and independent of the set's size, where a loop over the set's bits ends
// after a data-dependent count the branch predictor keeps missing (a miss per person was a
// tenth of the win-paths scan). Each byte of the set is spread into eight byte-wide lanes of a
// 64-bit word (one multiply, one add), the lanes accumulate, and they are flushed into 64-bit
// counts before any lane can overflow (every 255 sets).
//
// Cost: Add O(groups) = O(channels / 8) word operations; count() O(1); Merge O(channels).
// Thread-safety: a plain value, one thread at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace winpath {

class ChannelSetCounter {
 public:
  // Counts channel ids [0, channels). REQUIRES: channels <= 64.
  explicit ChannelSetCounter(size_t channels = 64);

  // Counts one set. Bits at or above `channels` are ignored.
  void Add(uint64_t set) {
    for (size_t g = 0; g < groups_; ++g) lanes_[g] += Spread(static_cast<uint8_t>(set >> (8 * g)));
    if (++pending_ == kMaxPending) Flush();
  }

  // How many added sets contained channel c. REQUIRES: c < channels.
  int64_t count(size_t c) const {
    return counts_[c] + static_cast<int64_t>((lanes_[c / 8] >> (8 * (c % 8))) & 0xFF);
  }

  // Adds the counts of `other` (which must count as many channels); `other` is unchanged.
  void Merge(const ChannelSetCounter& other);

 private:
  static constexpr uint32_t kMaxPending = 255;  // a byte lane holds up to 255

  // The eight bits of `byte` as eight byte lanes of 0 or 1 (lane j = bit j). The multiply
  // copies the byte into every lane, the mask keeps bit j in lane j, and adding 0x7F to each
  // lane (never carrying: a lane is at most 0x80) moves "lane non-zero" into the lane's top bit.
  static uint64_t Spread(uint8_t byte) {
    const uint64_t picked = (byte * 0x0101010101010101ULL) & 0x8040201008040201ULL;
    return ((picked + 0x7F7F7F7F7F7F7F7FULL) >> 7) & 0x0101010101010101ULL;
  }
  void Flush();

  size_t channels_ = 64;
  size_t groups_ = 8;  // ceil(channels_ / 8)
  uint32_t pending_ = 0;
  std::array<uint64_t, 8> lanes_{};
  std::array<int64_t, 64> counts_{};
};

}  // namespace winpath
