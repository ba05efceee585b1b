#include "analysis/exact_binomial.h"

#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <exception>

#include "analysis/exact_two_sided.h"
#include "base/check.h"

namespace winpath {
namespace {

struct Binomial {
  boost::math::binomial_distribution<double> dist;
  double pmf(int64_t k) const { return boost::math::pdf(dist, static_cast<double>(k)); }
  double cdf(int64_t k) const { return boost::math::cdf(dist, static_cast<double>(k)); }
  double sf(int64_t k) const {
    return boost::math::cdf(boost::math::complement(dist, static_cast<double>(k)));
  }
};

}  // namespace

std::optional<double> ExactBinomialTest(int64_t successes, int64_t trials, double expected_rate) {
  WINPATH_DCHECK(successes >= 0 && successes <= trials);
  WINPATH_DCHECK(expected_rate >= 0 && expected_rate <= 1);
  if (trials <= 0) return std::nullopt;
  if (expected_rate <= 0) return successes == 0 ? 1.0 : 0.0;
  if (expected_rate >= 1) return successes == trials ? 1.0 : 0.0;
  try {
    const Binomial b{
        boost::math::binomial_distribution<double>(static_cast<double>(trials), expected_rate)};
    const auto mode =
        static_cast<int64_t>(std::floor((static_cast<double>(trials) + 1) * expected_rate));
    return exact_internal::TwoSidedPValue(
        b, 0, trials, exact_internal::ClimbToMode(b, 0, trials, mode), successes);
  } catch (const std::exception&) {
    // Boost reports domain errors by exception; the arguments are checked above, so this is
    // an evaluation failure (no convergence): the test cannot tell, which is p = 1.
    return 1.0;
  }
}

}  // namespace winpath
