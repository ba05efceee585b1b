#include "analysis/exact_binomial.h"

#include <gtest/gtest.h>

namespace winpath {
namespace {

// R's documentation example (Conover 1971, p. 97): binom.test(682, 925, p = 3/4) prints
// p-value = 0.3825. The tight value is the minimum-likelihood sum at 30 digits (mpmath).
TEST(ExactBinomialTest, ConoverExampleFromRDocumentation) {
  auto p = ExactBinomialTest(682, 925, 0.75);
  ASSERT_TRUE(p.has_value());
  EXPECT_NEAR(*p, 0.3825, 5e-5);
  EXPECT_NEAR(*p, 0.38249155957485168, 1e-12);
}

TEST(ExactBinomialTest, SmallSamplesMatchTheFullSum) {
  struct Case {
    int64_t x, n;
    double p0, expected;
  };
  const Case cases[] = {
      {0, 10, 0.25, 0.076041221618652344},   // = 0.75^10: only x = 0 is that unlikely
      {3, 10, 0.5, 0.34375},                 // symmetric: 2 · P(X <= 3) = 2 · 176/1024
      {10, 10, 0.5, 0.001953125},            // 2 / 1024
      {5, 20, 0.25, 1.0},                    // observed = expected
      {2, 40, 0.25, 0.0015881462085015257},  // right tail from the first k as unlikely as 2
      {1, 1, 0.5, 1.0},
      {0, 1, 0.25, 1.0},  // 0.75 is the more likely outcome: everything is as unlikely or more
  };
  for (const Case& c : cases) {
    auto p = ExactBinomialTest(c.x, c.n, c.p0);
    ASSERT_TRUE(p.has_value());
    EXPECT_NEAR(*p, c.expected, 1e-12) << c.x << "/" << c.n << " vs " << c.p0;
  }
}

TEST(ExactBinomialTest, NoTrialsIsNoData) { EXPECT_FALSE(ExactBinomialTest(0, 0, 0.3)); }

TEST(ExactBinomialTest, DegenerateExpectedRates) {
  EXPECT_EQ(ExactBinomialTest(10, 10, 1.0), 1.0);
  EXPECT_EQ(ExactBinomialTest(9, 10, 1.0), 0.0);
  EXPECT_EQ(ExactBinomialTest(0, 10, 0.0), 1.0);
  EXPECT_EQ(ExactBinomialTest(1, 10, 0.0), 0.0);
}

TEST(ExactBinomialTest, LargeSampleIsFastAndInRange) {
  // 10 million trials: two binary searches, not ten million pmf evaluations.
  auto p = ExactBinomialTest(2'501'000, 10'000'000, 0.25);
  ASSERT_TRUE(p.has_value());
  // Normal approximation with continuity correction: 2·(1 − Φ(999.5 / sqrt(1e7·.25·.75))).
  EXPECT_NEAR(*p, 0.4654, 2e-3);
  auto far = ExactBinomialTest(2'600'000, 10'000'000, 0.25);
  ASSERT_TRUE(far.has_value());
  EXPECT_LT(*far, 1e-300);  // 73 standard deviations out
}

}  // namespace
}  // namespace winpath
