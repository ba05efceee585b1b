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

// Buckets follow value order, and each is narrow: at most 1/16 of its lower edge wide.
TEST(WinPathsTimesTest, TimeBucketsAreOrderedAndNarrow) {
  size_t prev = 0;
  for (uint64_t v = 0; v <= std::numeric_limits<uint32_t>::max(); v += 1 + v / 4096) {
    const size_t b = TimeBucket(static_cast<uint32_t>(v));
    ASSERT_LT(b, kTimeBuckets) << v;
    ASSERT_GE(b, prev) << v;
    prev = b;
  }
  EXPECT_EQ(TimeBucket(std::numeric_limits<uint32_t>::max()), kTimeBuckets - 1);
  for (uint32_t v : {31u, 32u, 47u, 48u, 1000u, 2592000000u}) {
    const size_t b = TimeBucket(v);
    // The bucket's edges by binary search (buckets are ordered, checked above).
    uint64_t lo = 0, hi = v;  // smallest value in bucket b lies in [lo, hi]
    while (lo < hi) {
      const uint64_t mid = (lo + hi) / 2;
      (TimeBucket(static_cast<uint32_t>(mid)) < b ? lo = mid + 1 : hi = mid);
    }
    const uint64_t first = lo;
    lo = v, hi = std::numeric_limits<uint32_t>::max();  // largest value in bucket b
    while (lo < hi) {
      const uint64_t mid = (lo + hi + 1) / 2;
      (TimeBucket(static_cast<uint32_t>(mid)) > b ? hi = mid - 1 : lo = mid);
    }
    const uint64_t last = lo;
    EXPECT_LE((last - first) * 16, std::max<uint64_t>(first, 16)) << v;
  }
}

// A cell's times sealed into any number of runs, with or without a tail, merged from other
// cells: the median is the sorted median of all of them, and nothing is lost.
TEST(WinPathsTimesTest, SealedMedianMatchesSorting) {
  std::mt19937 rng(9);
  MedianScratch scratch;
  const uint32_t bound = 2592000000u;
  for (size_t n : {1, 2, 3, 10, 1000, 5001, 40000}) {
    for (int shape = 0; shape < 6; ++shape) {
      SCOPED_TRACE("n " + std::to_string(n) + " shape " + std::to_string(shape));
      const std::vector<uint32_t> v = Draw(rng, n, bound, shape);
      SealedTimes a, b;
      for (uint32_t x : v) {
        SealedTimes& cell = rng() % 3 == 0 ? b : a;
        cell.Append(rng() % 5, false);  // not kept
        cell.Append(x, true);
        if (rng() % 997 == 0) cell.Seal();
      }
      if (rng() % 2 == 0) b.Seal();
      const SealedTimes b_before = b;
      a.Merge(b);
      EXPECT_EQ(b.size(), b_before.size());
      ASSERT_EQ(a.size(), v.size());
      EXPECT_EQ(SealedMedian(a, bound, &scratch), SortedMedian(v));
      a.Seal();
      EXPECT_EQ(SealedMedian(a, bound, &scratch), SortedMedian(v));
      a.Append(bound, true);  // a tail after the runs counts too
      std::vector<uint32_t> more = v;
      more.push_back(bound);
      EXPECT_EQ(SealedMedian(a, bound, &scratch), SortedMedian(more));
    }
  }
  SealedTimes empty;
  empty.Seal();
  EXPECT_EQ(SealedMedian(empty, bound, &scratch), std::nullopt);
}

// Copies are deep, and a moved-from cell is empty and still takes times.
TEST(WinPathsTimesTest, CopiesAndMovesKeepTimesApart) {
  TimesToWin<uint32_t> a;
  for (uint32_t v = 0; v < 100; ++v) a.Append(v, v % 2 == 0);
  TimesToWin<uint32_t> copy = a;
  a.Append(7, true);
  EXPECT_EQ(copy.size(), 50u);
  EXPECT_EQ(a.size(), 51u);
  TimesToWin<uint32_t> moved = std::move(a);
  EXPECT_EQ(moved.size(), 51u);
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from is empty
  a.Append(3, true);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a.values()[0], 3u);
  EXPECT_EQ(moved.values()[50], 7u);
}

// The two middle values in different buckets, each split over runs.
TEST(WinPathsTimesTest, RunsMedianAcrossBuckets) {
  MedianScratch scratch;
  SealedTimes t;
  for (int run = 0; run < 3; ++run) {
    for (int i = 0; i < 100; ++i) t.Append(static_cast<uint32_t>(100 + run), true);
    for (int i = 0; i < 100; ++i) t.Append(static_cast<uint32_t>(900000 - run), true);
    t.Seal();
  }
  EXPECT_EQ(SealedMedian(t, 1000000, &scratch), 102 + (899998.0 - 102) / 2);
}

}  // namespace
}  // namespace winpath
