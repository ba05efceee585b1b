// MessageIdSet: duplicates are found before and after the table grows, the hash 0 is a hash
// like any other, and Clear forgets every hash.
#include "ingest/message_id_set.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace winpath {
namespace {

TEST(MessageIdSetTest, FindsDuplicatesAcrossGrowth) {
  MessageIdSet set;
  const uint64_t n = 100000;  // from 1024 slots, many doublings
  for (uint64_t i = 0; i < n; ++i) ASSERT_TRUE(set.Insert(MessageIdHash(std::to_string(i))));
  EXPECT_EQ(set.size(), n);
  for (uint64_t i = 0; i < n; i += 97) EXPECT_FALSE(set.Insert(MessageIdHash(std::to_string(i))));
  EXPECT_TRUE(set.Insert(MessageIdHash("new")));
  EXPECT_EQ(set.size(), n + 1);
}

TEST(MessageIdSetTest, ZeroAndOneAreTheSameSlotButBothCount) {
  // 0 marks an empty slot, so the hash 0 is stored as 1: the two are one id to the set (a
  // collision of probability 2^-63).
  MessageIdSet set;
  EXPECT_TRUE(set.Insert(0));
  EXPECT_FALSE(set.Insert(0));
  EXPECT_FALSE(set.Insert(1));
  EXPECT_TRUE(set.Insert(2));
}

TEST(MessageIdSetTest, ClearForgetsEverythingAndTheSetStillWorks) {
  MessageIdSet set;
  for (uint64_t h = 1; h <= 5000; ++h) ASSERT_TRUE(set.Insert(h * 0x9E3779B97F4A7C15ULL));
  set.Clear();
  EXPECT_EQ(set.size(), 0u);
  for (uint64_t h = 1; h <= 6000; ++h) EXPECT_TRUE(set.Insert(h * 0x9E3779B97F4A7C15ULL));
  EXPECT_FALSE(set.Insert(5 * 0x9E3779B97F4A7C15ULL));
  EXPECT_EQ(set.size(), 6000u);
}

}  // namespace
}  // namespace winpath
