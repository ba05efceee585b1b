// PathAggregator: against a std::map on random paths of up to 20 touches over 3 channels (so
// many paths share their 8-touch prefix), with random splits merged, and sorted output.
#include "analysis/path_aggregator.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace winpath {
namespace {

struct Ref {
  int64_t conversions = 0, nulls = 0;
  ValueSum::Units value = 0;
};

TEST(PathAggregatorTest, MatchesAMapUnderRandomSplits) {
  std::mt19937 rng(11);
  for (int round = 0; round < 20; ++round) {
    std::map<std::vector<uint16_t>, Ref> ref;
    std::vector<PathAggregator> parts(1 + rng() % 4);
    for (int i = 0; i < 3000; ++i) {
      std::vector<uint8_t> path(1 + rng() % 20);
      for (uint8_t& c : path) c = static_cast<uint8_t>(1 + rng() % 3);
      const int64_t conversions = rng() % 2;
      const ValueSum::Units value = conversions * static_cast<int64_t>(rng() % 1000);
      parts[rng() % parts.size()].Add(path, conversions, value, 1 - conversions);
      Ref& r = ref[std::vector<uint16_t>(path.begin(), path.end())];
      r.conversions += conversions;
      r.nulls += 1 - conversions;
      r.value += value;
    }
    PathAggregator all;
    for (const PathAggregator& p : parts) all.Merge(p);
    const std::vector<JourneyPath> got = all.SortedPaths();
    ASSERT_EQ(got.size(), ref.size());
    size_t i = 0;
    for (const auto& [ids, r] : ref) {
      std::vector<uint16_t> indexes;
      for (uint16_t c : ids) indexes.push_back(static_cast<uint16_t>(c - 1));
      EXPECT_EQ(got[i].channels, indexes) << i;
      EXPECT_EQ(got[i].conversions, r.conversions);
      EXPECT_EQ(got[i].nulls, r.nulls);
      EXPECT_EQ(got[i].value, ValueSum::FromUnits(r.value));
      ++i;
    }
  }
}

TEST(PathAggregatorTest, ShorterPathSortsBeforeItsExtension) {
  PathAggregator a;
  const std::vector<uint8_t> nine = {1, 1, 1, 1, 1, 1, 1, 1, 1}, eight = {1, 1, 1, 1, 1, 1, 1, 1};
  a.Add(nine, 1, 0, 0);
  a.Add(eight, 0, 0, 2);
  a.Add(std::vector<uint8_t>{2}, 0, 0, 1);
  const std::vector<JourneyPath> p = a.SortedPaths();
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].channels.size(), 8u);
  EXPECT_EQ(p[1].channels.size(), 9u);
  EXPECT_EQ(p[2].channels, std::vector<uint16_t>{1});
}

}  // namespace
}  // namespace winpath
