#include "analysis/odds_ratio.h"

#include <cmath>

#include "analysis/wilson_interval.h"
#include "base/check.h"

namespace winpath {

std::optional<OddsRatioEstimate> OddsRatio(const TwoByTwo& t, double confidence) {
  WINPATH_DCHECK(t.a >= 0 && t.b >= 0 && t.c >= 0 && t.d >= 0);
  if (t.degenerate()) return std::nullopt;
  OddsRatioEstimate out;
  out.corrected = t.a == 0 || t.b == 0 || t.c == 0 || t.d == 0;
  const double add = out.corrected ? 0.5 : 0.0;
  const double a = static_cast<double>(t.a) + add, b = static_cast<double>(t.b) + add;
  const double c = static_cast<double>(t.c) + add, d = static_cast<double>(t.d) + add;
  // In logs: products of large counts would overflow nothing, but this keeps the interval and
  // the estimate on the same footing.
  const double log_or = std::log(a) + std::log(d) - std::log(b) - std::log(c);
  const double se = std::sqrt(1 / a + 1 / b + 1 / c + 1 / d);
  const double z = TwoSidedNormalQuantile(confidence);
  out.odds_ratio = std::exp(log_or);
  out.lower = std::exp(log_or - z * se);
  out.upper = std::exp(log_or + z * se);
  return out;
}

}  // namespace winpath
