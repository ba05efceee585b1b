// The nearest-rank quantile used by the bootstrap intervals (attribution_intervals.cc,
// path_models_query.cc): the value at rank ceil(q * n) of the sorted replicates, the smallest
// replicate for q <= 1/n.
//
// Thread-safety: pure function.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace winpath {

// REQUIRES: `sorted` is non-empty and ascending; q in [0, 1].
inline double NearestRankQuantile(const std::vector<double>& sorted, double q) {
  const double rank = std::ceil(q * static_cast<double>(sorted.size()));
  const size_t i = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return sorted[std::min(i, sorted.size() - 1)];
}

}  // namespace winpath
