// The sample odds ratio of a 2×2 table (two_by_two.h) with Woolf's logit interval.
//
//   OR = (a · d) / (b · c)
//   log OR ± z · sqrt(1/a + 1/b + 1/c + 1/d),   z = Φ⁻¹(1 − (1 − confidence)/2)
//
// Haldane–Anscombe correction: when any cell is 0, 0.5 is added to all four cells before the
// estimate and the interval are computed (Haldane 1956, Anscombe 1956), so a zero cell gives a
// finite odds ratio and interval instead of 0 or infinity; `corrected` says so. Tables with a
// zero row or column total carry no information and give no estimate.
//
// This is the sample (unconditional) odds ratio; R's fisher.test reports the conditional MLE
// instead, which differs slightly for small tables.
//
// Thread-safety: pure function.
#pragma once

#include <optional>

#include "analysis/two_by_two.h"

namespace winpath {

struct OddsRatioEstimate {
  double odds_ratio = 1;  // > 0, finite
  double lower = 1;       // Woolf interval, 0 < lower <= odds_ratio <= upper
  double upper = 1;
  bool corrected = false;  // a cell was 0: 0.5 was added to every cell
  bool operator==(const OddsRatioEstimate&) const = default;
};

// The odds ratio of group 1 vs group 2 having the outcome, or nullopt ("no data") when a row
// or a column of the table sums to 0 (TwoByTwo::degenerate). Never NaN or infinite.
// REQUIRES: 0 < confidence < 1; cells >= 0.
std::optional<OddsRatioEstimate> OddsRatio(const TwoByTwo& table, double confidence = 0.95);

}  // namespace winpath
