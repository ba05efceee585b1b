// attribution_rounding.h must give exactly what the general path of exact_sum.h gives.
#include "analysis/attribution_rounding.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace winpath {
namespace {

TEST(RoundSharePartTest, EqualsRoundToInt128AtTheEdges) {
  for (double x : {0.0, 0.5, -0.5, 1.5, -2.5, 4.5e18, 4.6e18, -4.6e18, std::nextafter(4.6e18, 0.0),
                   0x1p53, 0x1p62, -0x1p62, 0x1p62 + 1024, 0x1p80, 0.4 * 0x1p80, 0x1p99, -0x1p99,
                   std::nextafter(0x1p100, 0.0)}) {
    EXPECT_TRUE(RoundSharePart(x) == RoundToInt128(x)) << x;
  }
}

TEST(RoundSharePartTest, EqualsRoundToInt128OnRandomShares) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 200000; ++i) {
    const double share = unit(rng) * std::exp2(-static_cast<double>(rng() % 90));
    const double value = (rng() % 2 ? 1 : -1) * unit(rng) * 1e6 * 0x1p56;
    EXPECT_TRUE(RoundSharePart(share * CreditSum::kUnitsPerOne) ==
                RoundToInt128(share * CreditSum::kUnitsPerOne))
        << share;
    EXPECT_TRUE(RoundSharePart(share * value) == RoundToInt128(share * value)) << share * value;
  }
}

TEST(LinearShareTableTest, HoldsTheKernelsFormula) {
  const LinearShareTable& table = LinearShareTable::Get();
  for (int n = 1; n <= LinearShareTable::kMaxTouches; ++n) {
    for (int c = 0; c <= n; ++c) {
      const double share = static_cast<double>(c) / static_cast<double>(n);
      EXPECT_EQ(table.At(n, c).share, share);
      EXPECT_TRUE(table.At(n, c).units == RoundToInt128(share * CreditSum::kUnitsPerOne));
    }
  }
  EXPECT_TRUE(table.At(3, 1).units == RoundToInt128(CreditSum::kUnitsPerOne / 3));
}

}  // namespace
}  // namespace winpath
