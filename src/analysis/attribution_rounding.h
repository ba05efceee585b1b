// Rounding of attribution shares to fixed-point units, cheaper than the general path of
// exact_sum.h and bit-identical to it: the attribution kernel rounds several shares per
// conversion, and the results must not change with the speed of the code that computes them.
//
// Thread-safety: pure functions; LinearShareTable is immutable after its (thread-safe) creation.
#pragma once

#include <bit>
#include <cstdint>

#include "analysis/exact_sum.h"

namespace winpath {

// Exactly RoundToInt128(x) (exact_sum.h), REQUIRES: |x| < 2^100. A double of magnitude
// >= 2^53 is a whole number, which RoundToInt128 returns exactly; here it is read off the
// double's bits (mantissa << exponent) instead of being split in two through three conversions.
inline __int128 RoundSharePart(double x) {
  if (x < 4.6e18 && x > -4.6e18) {
    return static_cast<int64_t>(x < 0 ? x - 0.5 : x + 0.5);
  }
  const uint64_t bits = std::bit_cast<uint64_t>(x);
  const int shift = static_cast<int>((bits >> 52) & 0x7ff) - 1075;  // >= 9 here
  const int64_t mantissa =
      static_cast<int64_t>((bits & ((uint64_t{1} << 52) - 1)) | (uint64_t{1} << 52));
  const __int128 magnitude = static_cast<__int128>(mantissa) << shift;
  return static_cast<int64_t>(bits) < 0 ? -magnitude : magnitude;
}

// The shares of the linear model for windows of up to kMaxTouches touches: count / touches
// and its CreditSum units, computed once with the kernel's own formula (the weights of a window
// are whole counts, so their double sum is exactly the number of touches).
class LinearShareTable {
 public:
  static constexpr int kMaxTouches = 24;
  struct Entry {
    double share = 0;
    CreditSum::Units units = 0;
  };

  static const LinearShareTable& Get();

  // REQUIRES: 0 <= count <= touches <= kMaxTouches, touches >= 1.
  const Entry& At(int touches, int count) const { return entries_[touches][count]; }

 private:
  LinearShareTable();
  Entry entries_[kMaxTouches + 1][kMaxTouches + 1];
};

}  // namespace winpath
