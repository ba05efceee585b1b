// The two-sided p-value of an exact test on a unimodal discrete distribution by the
// minimum-likelihood method — the sum of the probabilities of every outcome no more likely than
// the observed one (with R's relative tolerance 1e-7, so outcomes equally likely up to rounding
// count) — as R's binom.test and fisher.test compute it.
//
// R sums over the whole support; for a unimodal pmf the outcomes no more likely than x form the
// two tails, so two binary searches and two CDF calls give the same sum in O(log support) pmf
// evaluations instead of O(support).
//
// Internal to analysis/ (exact_binomial.cc, fisher_exact.cc). Thread-safety: pure.
#pragma once

#include <algorithm>
#include <cstdint>

namespace winpath::exact_internal {

inline constexpr double kRelativeTolerance = 1 + 1e-7;

// Dist provides pmf(k), cdf(k) = P(X <= k) and sf(k) = P(X > k) for k in [lo, hi], and
// `mode`, an argmax of pmf. REQUIRES: lo <= x <= hi, lo <= mode <= hi, pmf unimodal.
template <typename Dist>
double TwoSidedPValue(const Dist& dist, int64_t lo, int64_t hi, int64_t mode, int64_t x) {
  const double d = dist.pmf(x) * kRelativeTolerance;
  // Outcomes with pmf <= d: a prefix of [lo, mode] and a suffix of [mode, hi].
  // Last k in [lo, mode] with pmf(k) <= d (lo - 1 when none): pmf is non-decreasing there.
  int64_t a = lo - 1, b = mode;
  while (a < b) {
    const int64_t mid = a + (b - a + 1) / 2;
    if (dist.pmf(mid) <= d) {
      a = mid;
    } else {
      b = mid - 1;
    }
  }
  const int64_t left_end = a;
  // First k in [mode, hi] with pmf(k) <= d (hi + 1 when none): pmf is non-increasing there.
  int64_t c = std::max(mode, left_end + 1), e = hi + 1;
  while (c < e) {
    const int64_t mid = c + (e - c) / 2;
    if (dist.pmf(mid) <= d) {
      e = mid;
    } else {
      c = mid + 1;
    }
  }
  const int64_t right_begin = c;
  double p = 0;
  if (left_end >= lo) p += dist.cdf(left_end);
  if (right_begin <= lo) return 1.0;  // every outcome is in the right tail
  if (right_begin <= hi) p += dist.sf(right_begin - 1);
  return std::clamp(p, 0.0, 1.0);
}

// Moves `mode` to a true argmax when a closed-form mode is off by rounding.
template <typename Dist>
int64_t ClimbToMode(const Dist& dist, int64_t lo, int64_t hi, int64_t mode) {
  mode = std::clamp(mode, lo, hi);
  while (mode < hi && dist.pmf(mode + 1) > dist.pmf(mode)) ++mode;
  while (mode > lo && dist.pmf(mode - 1) > dist.pmf(mode)) --mode;
  return mode;
}

}  // namespace winpath::exact_internal
