#include "analysis/fisher_exact.h"

#include <gtest/gtest.h>

namespace winpath {
namespace {

// R's fisher.test documentation examples, as R prints them (4 significant digits); the tight
// values are the minimum-likelihood sums over the hypergeometric support at 30 digits (mpmath).
TEST(FisherExactTest, TeaTasting) {
  auto p = FisherExactTest({3, 1, 1, 3});
  ASSERT_TRUE(p.has_value());
  EXPECT_NEAR(*p, 0.4857, 5e-5);
  EXPECT_NEAR(*p, 34.0 / 70.0, 1e-14);
}

TEST(FisherExactTest, Convictions) {
  auto p = FisherExactTest({2, 10, 15, 3});
  ASSERT_TRUE(p.has_value());
  EXPECT_NEAR(*p, 0.0005367, 5e-8);
  EXPECT_NEAR(*p, 0.0005367241191434358, 1e-16);
}

TEST(FisherExactTest, MoreTables) {
  struct Case {
    TwoByTwo t;
    double expected;
  };
  const Case cases[] = {
      {{0, 5, 5, 0}, 0.0079365079365079365},  // 2 / C(10,5)
      {{1, 9, 11, 3}, 0.0027594561852200835},
      {{10, 0, 5, 5}, 0.032507739938080495},
      {{0, 30, 10, 60}, 0.030231150801946605},
  };
  for (const Case& c : cases) {
    auto p = FisherExactTest(c.t);
    ASSERT_TRUE(p.has_value());
    EXPECT_NEAR(*p, c.expected, 1e-14) << c.t.a << " " << c.t.b << " " << c.t.c << " " << c.t.d;
  }
}

TEST(FisherExactTest, SymmetricUnderTransposeAndSwap) {
  const double p = *FisherExactTest({1, 9, 11, 3});
  EXPECT_NEAR(*FisherExactTest({1, 11, 9, 3}), p, 1e-14);  // transpose
  EXPECT_NEAR(*FisherExactTest({11, 3, 1, 9}), p, 1e-14);  // swap rows
}

TEST(FisherExactTest, EmptyIsNoDataAndZeroMarginIsOne) {
  EXPECT_FALSE(FisherExactTest({0, 0, 0, 0}).has_value());
  EXPECT_EQ(FisherExactTest({0, 0, 3, 4}), 1.0);
  EXPECT_EQ(FisherExactTest({0, 5, 0, 4}), 1.0);
}

TEST(FisherExactTest, LargeTableIsFast) {
  auto p = FisherExactTest({200'000, 800'000, 190'000, 810'000});
  ASSERT_TRUE(p.has_value());
  EXPECT_GT(*p, 0.0);
  EXPECT_LT(*p, 1e-10);
  auto same = FisherExactTest({200'000, 800'000, 200'000, 800'000});
  ASSERT_TRUE(same.has_value());
  EXPECT_NEAR(*same, 1.0, 1e-9);
}

}  // namespace
}  // namespace winpath
