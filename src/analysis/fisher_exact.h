// Fisher's exact test of a 2×2 table (two_by_two.h): two-sided p-value for "group and outcome
// are independent", conditional on the table's margins.
//
// With the margins fixed, a follows the hypergeometric distribution: a population of N = a+b+c+d
// persons of whom a+c have the outcome, a sample (group 1) of a+b. The two-sided p-value is the
// probability of every table no more likely than the observed one (relative tolerance 1e-7), as
// R's fisher.test computes it.
//
// Thread-safety: pure function.
#pragma once

#include <optional>

#include "analysis/two_by_two.h"

namespace winpath {

// The two-sided p-value in [0, 1], or nullopt ("no data") for an empty table. A table with a
// zero margin has one possible outcome and p = 1. Never NaN.
// REQUIRES: cells >= 0 and the total below 2^32.
std::optional<double> FisherExactTest(const TwoByTwo& table);

}  // namespace winpath
