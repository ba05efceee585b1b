#include "analysis/win_bits.h"

#include <gtest/gtest.h>

#include <vector>

namespace winpath {
namespace {

struct Win {
  int bit;
};

TEST(WinBitsTest, MapsEachBitToItsWin) {
  const WinBits bits(std::vector<Win>{{5}, {0}, {31}});
  EXPECT_EQ(bits.mask(), (1u << 5) | 1u | (1u << 31));
  EXPECT_EQ(bits.LowestWin(1u << 5), 0u);
  EXPECT_EQ(bits.LowestWin(1u), 1u);
  EXPECT_EQ(bits.LowestWin(1u << 31), 2u);
  EXPECT_EQ(bits.LowestWin((1u << 31) | (1u << 5)), 0u);  // the lowest set bit decides
  EXPECT_EQ(WinBits().mask(), 0u);
}

TEST(WinBitsDeathTest, RefusesADuplicateOrOutOfRangeBit) {
  EXPECT_DEATH(WinBits(std::vector<Win>{{3}, {3}}), "");
  EXPECT_DEATH(WinBits(std::vector<Win>{{32}}), "");
}

}  // namespace
}  // namespace winpath
