#include "analysis/benjamini_hochberg.h"

#include <gtest/gtest.h>

namespace winpath {
namespace {

std::vector<double> Bh(std::vector<double> p) { return BenjaminiHochberg(p); }

void ExpectNear(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-15) << i;
}

// Expected values are R's p.adjust(p, method = "BH") worked by hand:
// sort ascending, p(i)·m/i, running minimum from the largest, back to input order.
TEST(BenjaminiHochberg, EvenlySpacedAllBecomeTheLargest) {
  // 0.01·5/1 = .05, .02·5/2 = .05, .03·5/3 = .05, .04·5/4 = .05, .05·5/5 = .05
  ExpectNear(Bh({0.01, 0.02, 0.03, 0.04, 0.05}), {0.05, 0.05, 0.05, 0.05, 0.05});
}

TEST(BenjaminiHochberg, UnsortedInputKeepsItsOrder) {
  // Sorted: .005(1) .01(2) .03(3) .04(4) -> .02 .02 .04 .04; running min from the top keeps them.
  ExpectNear(Bh({0.01, 0.04, 0.03, 0.005}), {0.02, 0.04, 0.04, 0.02});
}

TEST(BenjaminiHochberg, RunningMinimumMakesItMonotone) {
  // Sorted: .01(1)->.03, .04(2)->.06, .045(3)->.045 ; running min: .03, .045, .045.
  ExpectNear(Bh({0.045, 0.01, 0.04}), {0.045, 0.03, 0.045});
}

TEST(BenjaminiHochberg, CappedAtOne) {
  // .6·2/1 = 1.2 -> capped by the running min with .9·2/2 = .9
  ExpectNear(Bh({0.9, 0.6}), {0.9, 0.9});
  ExpectNear(Bh({1.0, 1.0, 0.99}), {1.0, 1.0, 1.0});
}

TEST(BenjaminiHochberg, TiesGetEqualQ) {
  // .02(1)->.06 .02(2)->.03 .03(3)->.03: both .02 -> .03
  ExpectNear(Bh({0.02, 0.03, 0.02}), {0.03, 0.03, 0.03});
}

TEST(BenjaminiHochberg, EmptyAndSingle) {
  EXPECT_TRUE(Bh({}).empty());
  ExpectNear(Bh({0.2}), {0.2});
  ExpectNear(Bh({0.0}), {0.0});
}

}  // namespace
}  // namespace winpath
