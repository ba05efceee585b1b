#include "analysis/benjamini_hochberg.h"

#include <algorithm>
#include <numeric>

#include "base/check.h"

namespace winpath {

std::vector<double> BenjaminiHochberg(std::span<const double> p_values) {
  const size_t m = p_values.size();
  std::vector<size_t> order(m);
  std::iota(order.begin(), order.end(), size_t{0});
  // Stable, so the result does not depend on how ties are ordered (they get equal q anyway).
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return p_values[a] < p_values[b]; });
  std::vector<double> q(m);
  double running = 1.0;  // the min over the larger p-values seen so far
  for (size_t rank = m; rank >= 1; --rank) {
    const size_t i = order[rank - 1];
    WINPATH_DCHECK(p_values[i] >= 0 && p_values[i] <= 1);
    const double adjusted = p_values[i] * static_cast<double>(m) / static_cast<double>(rank);
    running = std::min(running, adjusted);
    q[i] = running;
  }
  return q;
}

}  // namespace winpath
