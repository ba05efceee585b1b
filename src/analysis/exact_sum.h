// Exact, order-independent sums of real numbers: ValueSum (money values) and CreditSum
// (fractional conversion credits).
//
// Kernels must give identical results for any split of the persons merged in any order
// (kernel.h). Floating-point addition is not associative, so these sums are kept in 128-bit
// fixed point: x is held as round(x * 2^kFractionBits) units, and integer addition is
// associative, so any grouping of the same additions gives the same bits.
//
//   ValueSum   2^-56 resolution: every double of magnitude >= 1/16 (any price) is held exactly,
//              so a sum of prices is exact and rounds to double once. Range |sum| < 2.4e21.
//   CreditSum  2^-80 resolution, for weights in [0, 1]: a share of 0.4 is held exactly and
//              prints as 0.4. Range |sum| < 1.4e14 conversions.
//
// A single amount is clamped to |x| <= 2^(100 - kFractionBits) (1.8e13 for values) and a
// non-finite amount counts as 0: amounts come from user data and must not overflow a sum.
//
// Thread-safety: plain values.
#pragma once

#include <cmath>
#include <cstdint>

namespace winpath {

// round(x) for |x| < 2^100 (ties away from zero, up to one unit off for |x| > 2^53 where every
// double is already whole). Hot loops use it instead of a cast to __int128, which is a call
// into libgcc on x86-64.
inline __int128 RoundToInt128(double x) {
  if (x < 4.6e18 && x > -4.6e18) {
    return static_cast<int64_t>(x < 0 ? x - 0.5 : x + 0.5);
  }
  // x = high * 2^40 + rest, with both parts exact in doubles and in int64.
  const int64_t high = static_cast<int64_t>(x * 0x1p-40);
  const double rest = x - static_cast<double>(high) * 0x1p40;
  return static_cast<__int128>(high) * (static_cast<__int128>(1) << 40) +
         static_cast<int64_t>(rest < 0 ? rest - 0.5 : rest + 0.5);
}

// The double nearest to x (a cast to double is a libgcc call unless x fits in 64 bits).
inline double Int128ToDouble(__int128 x) {
  if (x == static_cast<int64_t>(x)) return static_cast<double>(static_cast<int64_t>(x));
  return static_cast<double>(x);
}

template <int kFractionBits>
class FixedSum {
 public:
  using Units = __int128;
  static constexpr Units kOne = static_cast<Units>(1) << kFractionBits;
  static constexpr double kUnitsPerOne = static_cast<double>(kOne);
  static constexpr double kMaxAmount =
      static_cast<double>(static_cast<Units>(1) << 100) / kUnitsPerOne;

  FixedSum() = default;

  // The units of `x`, rounded to nearest (RoundToInt128), clamped as described above.
  static Units ToUnits(double x) {
    if (!std::isfinite(x)) return 0;
    x = x > kMaxAmount ? kMaxAmount : (x < -kMaxAmount ? -kMaxAmount : x);
    return RoundToInt128(x * kUnitsPerOne);
  }
  static double FromUnits(Units units) { return static_cast<double>(units) / kUnitsPerOne; }

  void Add(double x) { units_ += ToUnits(x); }
  void AddUnits(Units units) { units_ += units; }
  void Add(const FixedSum& other) { units_ += other.units_; }

  Units units() const { return units_; }
  double value() const { return FromUnits(units_); }
  bool is_zero() const { return units_ == 0; }

  bool operator==(const FixedSum& other) const = default;

 private:
  Units units_ = 0;
};

using ValueSum = FixedSum<56>;
using CreditSum = FixedSum<80>;

}  // namespace winpath
