// The exact two-sided binomial test of an observed rate against an expected rate.
//
// Method: minimum likelihood, as R's binom.test — the p-value is the probability, under
// X ~ Binomial(n, p0), of every outcome k with P(X = k) <= P(X = x) · (1 + 1e-7). No normal
// approximation, so it is valid for any n, including tiny samples and rates near 0 or 1.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace winpath {

// The method, for results and reports.
inline constexpr std::string_view kExactBinomialTestMethod =
    "exact binomial test, two-sided, minimum likelihood (as R binom.test)";

// The two-sided p-value of `successes` out of `trials` against `expected_rate`, in [0, 1];
// nullopt ("no data") when trials = 0. Never NaN. p0 = 0 or 1 is degenerate: the p-value is 1
// when the observation is the only possible outcome, else 0.
// REQUIRES: 0 <= successes <= trials; 0 <= expected_rate <= 1.
std::optional<double> ExactBinomialTest(int64_t successes, int64_t trials, double expected_rate);

}  // namespace winpath
