#include "analysis/channel_set_counter.h"

#include <gtest/gtest.h>

#include <array>
#include <random>

namespace winpath {
namespace {

// Counts by the definition: a loop over each set's bits.
struct Reference {
  std::array<int64_t, 64> counts{};
  void Add(uint64_t set, size_t channels) {
    for (size_t c = 0; c < channels; ++c) counts[c] += (set >> c) & 1;
  }
};

TEST(ChannelSetCounterTest, EmptyCountsZero) {
  ChannelSetCounter counter(13);
  for (size_t c = 0; c < 13; ++c) EXPECT_EQ(counter.count(c), 0) << c;
}

// Thousands of random sets cross many lane flushes (every 255 sets); every channel count of
// 1 to 64 channels, including those that are not whole bytes, matches the definition.
TEST(ChannelSetCounterTest, MatchesBitLoopAcrossFlushes) {
  std::mt19937_64 rng(7);
  for (size_t channels : {1, 7, 8, 9, 16, 17, 33, 63, 64}) {
    ChannelSetCounter counter(channels);
    Reference ref;
    for (int i = 0; i < 2000; ++i) {
      const uint64_t set = i % 97 == 0 ? ~uint64_t{0} : rng() & rng();
      counter.Add(set);
      ref.Add(set, channels);
      if (i == 254 || i == 255 || i == 1999) {
        for (size_t c = 0; c < channels; ++c) {
          ASSERT_EQ(counter.count(c), ref.counts[c]) << "channels " << channels << " c " << c;
        }
      }
    }
  }
}

// A channel in every one of 10,000 sets overflows no lane.
TEST(ChannelSetCounterTest, FullSetsDoNotOverflowALane) {
  ChannelSetCounter counter(64);
  for (int i = 0; i < 10000; ++i) counter.Add(~uint64_t{0});
  for (size_t c = 0; c < 64; ++c) EXPECT_EQ(counter.count(c), 10000) << c;
}

TEST(ChannelSetCounterTest, BitsAboveChannelsAreIgnored) {
  ChannelSetCounter counter(5);
  counter.Add(0xFFFF'FFFF'FFFF'FFE0ULL | 0b10101);
  EXPECT_EQ(counter.count(0), 1);
  EXPECT_EQ(counter.count(1), 0);
  EXPECT_EQ(counter.count(2), 1);
  EXPECT_EQ(counter.count(3), 0);
  EXPECT_EQ(counter.count(4), 1);
}

// Merging split halves, pending lanes and all, equals counting everything in one counter, and
// leaves the argument unchanged.
TEST(ChannelSetCounterTest, MergeOfAnySplitEqualsOnePass) {
  std::mt19937_64 rng(11);
  std::vector<uint64_t> sets(1000);
  for (uint64_t& s : sets) s = rng() & rng() & rng();
  ChannelSetCounter whole(20);
  for (uint64_t s : sets) whole.Add(s);
  for (size_t split : {0, 1, 254, 255, 256, 700, 1000}) {
    ChannelSetCounter a(20), b(20);
    for (size_t i = 0; i < sets.size(); ++i) (i < split ? a : b).Add(sets[i]);
    ChannelSetCounter b_before = b;
    a.Merge(b);
    for (size_t c = 0; c < 20; ++c) {
      EXPECT_EQ(a.count(c), whole.count(c)) << "split " << split << " c " << c;
      EXPECT_EQ(b.count(c), b_before.count(c));
    }
    a.Add(uint64_t{1} << 3);  // still counts after a merge
    EXPECT_EQ(a.count(3), whole.count(3) + 1);
  }
}

}  // namespace
}  // namespace winpath
