// WinBits: the wins a kernel's config selects, by predicate bit (PersonView::mask) — which win
// a set bit stands for, and the mask of all of them. Win paths, heuristic attribution and
// journey paths each fold "the wins of this event" with it.
//
// Thread-safety: a plain value.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

#include "base/check.h"

namespace winpath {

class WinBits {
 public:
  WinBits() { win_of_bit_.fill(-1); }
  // `wins[w].bit` is the predicate bit of win w. REQUIRES (checked): distinct bits in [0, 32),
  // at most 127 wins.
  template <typename Wins>
  explicit WinBits(const Wins& wins) : WinBits() {
    WINPATH_CHECK(wins.size() <= 127);
    for (size_t w = 0; w < wins.size(); ++w) {
      const int bit = wins[w].bit;
      WINPATH_CHECK(bit >= 0 && bit < 32 && win_of_bit_[static_cast<size_t>(bit)] < 0);
      win_of_bit_[static_cast<size_t>(bit)] = static_cast<int8_t>(w);
      mask_ |= 1u << bit;
    }
  }

  // The bits of every selected win.
  uint32_t mask() const { return mask_; }
  // The win of the lowest set bit of `bits`. REQUIRES: bits & mask() != 0 and its lowest set
  // bit selected (callers pass bits already masked).
  size_t LowestWin(uint32_t bits) const {
    return static_cast<size_t>(win_of_bit_[static_cast<size_t>(std::countr_zero(bits))]);
  }

 private:
  std::array<int8_t, 32> win_of_bit_;  // -1 = bit not selected
  uint32_t mask_ = 0;
};

}  // namespace winpath
