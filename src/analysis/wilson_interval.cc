#include "analysis/wilson_interval.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "base/check.h"

namespace winpath {

double TwoSidedNormalQuantile(double confidence) {
  WINPATH_DCHECK(confidence > 0 && confidence < 1);
  // Complement form: exact for confidences close to 1, where 1 - (1 - c)/2 would round.
  const boost::math::normal_distribution<double> normal;
  return boost::math::quantile(boost::math::complement(normal, (1 - confidence) / 2));
}

std::optional<ProportionInterval> WilsonInterval(int64_t successes, int64_t trials,
                                                 double confidence) {
  WINPATH_DCHECK(successes >= 0 && successes <= trials);
  if (trials <= 0) return std::nullopt;
  const double z = TwoSidedNormalQuantile(confidence);
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double denom = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denom;
  const double half = z / denom * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  ProportionInterval out;
  // The bounds are exactly 0 and 1 at the extremes; rounding would leave them a hair off.
  out.lower = successes == 0 ? 0.0 : std::clamp(centre - half, 0.0, 1.0);
  out.upper = successes == trials ? 1.0 : std::clamp(centre + half, 0.0, 1.0);
  return out;
}

}  // namespace winpath
