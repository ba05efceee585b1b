// Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3): the set of
// rates p0 that a two-sided score test at level 1 - confidence does not reject for x successes
// of n trials. Unlike the Wald interval it stays inside [0, 1] and is useful for x = 0 or x = n.
//
//   z = Φ⁻¹(1 − (1 − confidence)/2),  p̂ = x/n
//   centre    = (p̂ + z²/2n) / (1 + z²/n)
//   half-width = z / (1 + z²/n) · sqrt(p̂(1 − p̂)/n + z²/4n²)
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <optional>

namespace winpath {

struct ProportionInterval {
  double lower = 0;  // in [0, 1]; exactly 0 when x = 0
  double upper = 0;  // in [lower, 1]; exactly 1 when x = n
  bool operator==(const ProportionInterval&) const = default;
};

// The Wilson interval of `successes` out of `trials`, or nullopt ("no data") when trials = 0.
// Never NaN. REQUIRES: 0 <= successes <= trials; 0 < confidence < 1 (the query layer checks
// user-given levels).
std::optional<ProportionInterval> WilsonInterval(int64_t successes, int64_t trials,
                                                 double confidence = 0.95);

// Φ⁻¹(1 − (1 − confidence)/2): 1.959963984540054 for 0.95. REQUIRES: 0 < confidence < 1.
double TwoSidedNormalQuantile(double confidence);

}  // namespace winpath
