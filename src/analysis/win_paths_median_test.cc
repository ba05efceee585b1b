// Exact medians of times to win: the radix selection against sorting, on sizes around its
// thresholds and on distributions that stress it (ties, one bucket holding everything, the two
// middle values in different buckets, values at the bound).
#include "analysis/win_paths_median.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace winpath {
namespace {

template <typename T>
std::optional<double> SortedMedian(std::vector<T> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  const double hi = static_cast<double>(v[m]);
  if (v.size() % 2 != 0) return hi;
  const double lo = static_cast<double>(v[m - 1]);
  return lo + (hi - lo) / 2;
}

std::vector<uint32_t> Draw(std::mt19937& rng, size_t n, uint32_t bound, int shape) {
  std::vector<uint32_t> v(n);
  std::uniform_int_distribution<uint64_t> any(0, bound);
  for (uint32_t& x : v) {
    switch (shape) {
      case 0: x = static_cast<uint32_t>(any(rng)); break;       // uniform
      case 1: x = bound / 3; break;                             // all equal
      case 2: x = rng() % 2 == 0 ? 0 : bound; break;            // two far values
      case 3: x = static_cast<uint32_t>(rng() % 90000); break;  // all in bucket 0
      case 4:
        x = rng() % 50 == 0 ? static_cast<uint32_t>(any(rng)) : static_cast<uint32_t>(rng() % 7);
        break;  // ties, long tail
      default: x = static_cast<uint32_t>(std::min<uint64_t>(bound, 1000 + rng() % 3)); break;
    }
  }
  return v;
}

TEST(WinPathsMedianTest, EmptyHasNoMedian) {
  MedianScratch scratch;
  EXPECT_EQ(BoundedExactMedian({}, 100, &scratch), std::nullopt);
  EXPECT_EQ(ExactMedian({}, &scratch), std::nullopt);
}

TEST(WinPathsMedianTest, SmallCellsByHand) {
  MedianScratch scratch;
  const std::vector<uint32_t> odd = {9, 1, 5};
  const std::vector<uint32_t> even = {9, 1, 5, 2};
  EXPECT_EQ(BoundedExactMedian(odd, 10, &scratch), 5.0);
  EXPECT_EQ(BoundedExactMedian(even, 10, &scratch), 3.5);
  const std::vector<TimeMs> wide = {TimeMs{1} << 40, 0, TimeMs{1} << 41, 7};
  EXPECT_EQ(ExactMedian(wide, &scratch), 549755813891.5);
}

TEST(WinPathsMedianTest, TwoMiddleValuesInDifferentBuckets) {
  // Half the values at 0, half at the bound: the middle pair straddles every bucket split.
  MedianScratch scratch;
  std::vector<uint32_t> v(5000, 0);
  std::fill(v.begin() + 2500, v.end(), 2592000000u);
  EXPECT_EQ(BoundedExactMedian(v, 2592000000u, &scratch), 1296000000.0);
  v.push_back(2592000000u);  // odd: the middle value is the bound
  EXPECT_EQ(BoundedExactMedian(v, 2592000000u, &scratch), 2592000000.0);
}

TEST(WinPathsMedianTest, MatchesSortingOnRandomCells) {
  std::mt19937 rng(42);
  MedianScratch scratch;  // reused across cells of every size, as Finalize does
  const uint32_t bounds[] = {1,        2047,        2048,
                             36000000, 2592000000u, std::numeric_limits<uint32_t>::max()};
  const size_t sizes[] = {1, 2, 3, 1023, 1024, 1025, 2048, 4097, 30000, 200001};
  for (uint32_t bound : bounds) {
    for (size_t n : sizes) {
      for (int shape = 0; shape < 6; ++shape) {
        std::vector<uint32_t> v = Draw(rng, n, bound, shape);
        for (uint32_t& x : v) x = std::min(x, bound);
        SCOPED_TRACE("bound " + std::to_string(bound) + " n " + std::to_string(n) + " shape " +
                     std::to_string(shape));
        const std::vector<uint32_t> before = v;
        EXPECT_EQ(BoundedExactMedian(v, bound, &scratch), SortedMedian(v));
        EXPECT_EQ(v, before);  // the cell is read, never reordered
        const std::vector<TimeMs> wide(v.begin(), v.end());
        EXPECT_EQ(ExactMedian(wide, &scratch), SortedMedian(wide));
      }
    }
  }
}

}  // namespace
}  // namespace winpath
