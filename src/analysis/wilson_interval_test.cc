#include "analysis/wilson_interval.h"

#include <gtest/gtest.h>

#include <cmath>

namespace winpath {
namespace {

// Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
// seven methods", Statistics in Medicine 17:857-872, Table II, method 3 (score, no continuity
// correction), published to 4 decimals; the tighter checks are the closed form evaluated at 30
// digits (mpmath).
TEST(WilsonInterval, NewcombeTableII) {
  struct Case {
    int64_t x, n;
    double lower4, upper4, lower, upper;
  };
  const Case cases[] = {
      {81, 263, 0.2553, 0.3662, 0.25528851987827424, 0.36620957698280006},
      {15, 148, 0.0624, 0.1605, 0.062386399530736286, 0.16048724172330803},
      {0, 20, 0.0000, 0.1611, 0.0, 0.16112515805281933},
      {1, 29, 0.0061, 0.1718, 0.0061132142927626622, 0.17175521879320284},
  };
  for (const Case& c : cases) {
    auto ci = WilsonInterval(c.x, c.n);
    ASSERT_TRUE(ci.has_value());
    EXPECT_NEAR(ci->lower, c.lower4, 5e-5) << c.x << "/" << c.n;
    EXPECT_NEAR(ci->upper, c.upper4, 5e-5) << c.x << "/" << c.n;
    EXPECT_NEAR(ci->lower, c.lower, 1e-14) << c.x << "/" << c.n;
    EXPECT_NEAR(ci->upper, c.upper, 1e-14) << c.x << "/" << c.n;
  }
}

TEST(WilsonInterval, ExtremesAreExact) {
  auto none = WilsonInterval(0, 20);
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->lower, 0.0);  // exactly, not -1e-17
  auto all = WilsonInterval(29, 29);
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->upper, 1.0);
  EXPECT_NEAR(all->lower, 0.88303020150025927, 1e-14);
}

TEST(WilsonInterval, OtherConfidenceLevel) {
  auto ci = WilsonInterval(81, 263, 0.99);
  ASSERT_TRUE(ci.has_value());
  EXPECT_NEAR(ci->lower, 0.2401369026876077, 1e-14);
  EXPECT_NEAR(ci->upper, 0.38528250231822984, 1e-14);
  EXPECT_NEAR(TwoSidedNormalQuantile(0.95), 1.9599639845400539, 1e-15);
  EXPECT_NEAR(TwoSidedNormalQuantile(0.99), 2.5758293035489005, 1e-15);
}

TEST(WilsonInterval, NoTrialsIsNoData) { EXPECT_FALSE(WilsonInterval(0, 0).has_value()); }

TEST(WilsonInterval, OneTrialStaysInsideUnitInterval) {
  for (int64_t x : {0, 1}) {
    auto ci = WilsonInterval(x, 1);
    ASSERT_TRUE(ci.has_value());
    EXPECT_FALSE(std::isnan(ci->lower));
    EXPECT_GE(ci->lower, 0.0);
    EXPECT_LE(ci->upper, 1.0);
    EXPECT_LT(ci->lower, ci->upper);
  }
}

}  // namespace
}  // namespace winpath
