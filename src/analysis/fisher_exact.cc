#include "analysis/fisher_exact.h"

#include <algorithm>
#include <boost/math/distributions/hypergeometric.hpp>
#include <exception>

#include "analysis/exact_two_sided.h"
#include "base/check.h"

namespace winpath {
namespace {

struct Hypergeometric {
  boost::math::hypergeometric_distribution<double> dist;
  double pmf(int64_t k) const { return boost::math::pdf(dist, static_cast<unsigned>(k)); }
  double cdf(int64_t k) const { return boost::math::cdf(dist, static_cast<unsigned>(k)); }
  double sf(int64_t k) const {
    return boost::math::cdf(boost::math::complement(dist, static_cast<unsigned>(k)));
  }
};

}  // namespace

std::optional<double> FisherExactTest(const TwoByTwo& t) {
  WINPATH_DCHECK(t.a >= 0 && t.b >= 0 && t.c >= 0 && t.d >= 0);
  const int64_t total = t.total();
  if (total == 0) return std::nullopt;
  if (t.degenerate()) return 1.0;
  WINPATH_DCHECK(total < (int64_t{1} << 32));
  const int64_t with = t.a + t.c, group1 = t.a + t.b;
  const int64_t lo = std::max<int64_t>(0, group1 + with - total), hi = std::min(group1, with);
  try {
    const Hypergeometric h{boost::math::hypergeometric_distribution<double>(
        static_cast<unsigned>(with), static_cast<unsigned>(group1), static_cast<unsigned>(total))};
    const int64_t mode = (group1 + 1) * (with + 1) / (total + 2);
    return exact_internal::TwoSidedPValue(h, lo, hi, exact_internal::ClimbToMode(h, lo, hi, mode),
                                          t.a);
  } catch (const std::exception&) {
    // The arguments are in range (checked above); a failed evaluation cannot tell: p = 1.
    return 1.0;
  }
}

}  // namespace winpath
